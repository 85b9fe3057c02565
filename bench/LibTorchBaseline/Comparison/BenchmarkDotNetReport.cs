using System.Text.Json;

namespace NativeGan.LibTorchBaseline.Comparison;

/// <summary>
/// Figures from a BenchmarkDotNet JSON report (the <c>--exporters json</c> output,
/// *-report-full-compressed.json): each case that a rule of
/// <see cref="NativeGanBenchmarkRules"/> maps, with its median time per call.
/// </summary>
public static class BenchmarkDotNetReport
{
    /// <summary>Returns true when <paramref name="json"/> has a top-level "Benchmarks" array.</summary>
    public static bool LooksLikeReport(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object &&
        json.TryGetProperty("Benchmarks", out var benchmarks) &&
        benchmarks.ValueKind == JsonValueKind.Array;

    /// <summary>
    /// Reads the mapped cases of a report. A case that its rule gives no figure name is not a
    /// baseline figure and is ignored; a case without a Threads parameter or without a median
    /// (a failed case) is skipped and listed in <paramref name="skipped"/>.
    /// </summary>
    public static IEnumerable<Figures.Figure> ReadFigures(
        JsonElement report, IReadOnlyList<BenchmarkFigureRule> rules, ICollection<string> skipped)
    {
        foreach (var benchmark in report.GetProperty("Benchmarks").EnumerateArray())
        {
            string type = GetString(benchmark, "Type");
            string method = GetString(benchmark, "Method");
            var rule = rules.FirstOrDefault(r => r.Type == type && r.Method == method);
            if (rule is null)
            {
                continue;
            }

            string parameterText = GetString(benchmark, "Parameters");
            var parameters = new BenchmarkParameters(parameterText);
            string? name = rule.Name(parameters);
            if (name is null)
            {
                continue;
            }

            int? threads = parameters.GetInt("Threads");
            double? medianNs = ReadMedian(benchmark);
            if (threads is null || medianNs is not > 0)
            {
                skipped.Add($"{type}.{method}({parameterText})");
                continue;
            }

            yield return new Figures.Figure(
                name, threads.Value, rule.Value(parameters, medianNs.Value), rule.Unit);
        }
    }

    private static string GetString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";

    private static double? ReadMedian(JsonElement benchmark) =>
        benchmark.TryGetProperty("Statistics", out var statistics) &&
        statistics.ValueKind == JsonValueKind.Object &&
        statistics.TryGetProperty("Median", out var median) &&
        median.ValueKind == JsonValueKind.Number
            ? median.GetDouble()
            : null;
}
