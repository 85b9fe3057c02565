using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NativeGan.Benchmarks;

/// <summary>
/// Summary column with the throughput of a benchmark in GFLOP/s: its floating-point
/// operations per call divided by the median time per call.
/// </summary>
/// <param name="flopsPerOperation">Floating-point operations of one benchmark call.</param>
public sealed class GflopsColumn(Func<BenchmarkCase, double> flopsPerOperation) : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(GflopsColumn);

    /// <inheritdoc/>
    public string ColumnName => "GFLOP/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend =>
        "Billions of floating-point operations per second from the median time " +
        "(one fused multiply-add counts as 2)";

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (nanoseconds is not > 0)
        {
            return "NA";
        }

        double gflops = flopsPerOperation(benchmarkCase) / nanoseconds.Value;
        return gflops.ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <summary>Reads an integer parameter of a benchmark case by its name.</summary>
    public static int IntParameter(BenchmarkCase benchmarkCase, string name) =>
        Convert.ToInt32(benchmarkCase.Parameters[name], CultureInfo.InvariantCulture);
}
