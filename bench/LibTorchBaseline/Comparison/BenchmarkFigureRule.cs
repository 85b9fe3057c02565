namespace NativeGan.LibTorchBaseline.Comparison;

/// <summary>
/// How one NativeGan benchmark method turns into a figure: its class and method name, the
/// figure name from its parameters, and the figure value from the median time per call.
/// </summary>
/// <param name="Type">Benchmark class name, for example <c>GemmBenchmarks</c>.</param>
/// <param name="Method">Benchmark method name, for example <c>Multiply</c>.</param>
/// <param name="Name">Figure name from the parameters, or null to skip the case.</param>
/// <param name="Value">Figure value from the parameters and the median in nanoseconds.</param>
/// <param name="Unit">Unit of the figure value.</param>
public sealed record BenchmarkFigureRule(
    string Type,
    string Method,
    Func<BenchmarkParameters, string?> Name,
    Func<BenchmarkParameters, double, double> Value,
    string Unit);
