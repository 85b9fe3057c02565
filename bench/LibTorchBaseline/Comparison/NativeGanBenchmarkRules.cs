using NativeGan.LibTorchBaseline.Figures;

namespace NativeGan.LibTorchBaseline.Comparison;

/// <summary>
/// The NativeGan benchmarks in bench/NativeGan.Benchmarks that measure a baseline figure,
/// and how each maps to it. Every case needs a <c>Threads</c> parameter (the value of
/// ComputeThreads.Max). A benchmark without a rule here is left out of the comparison, and
/// its figure shows as missing.
/// </summary>
public static class NativeGanBenchmarkRules
{
    /// <summary>The rules, one per benchmark method.</summary>
    public static IReadOnlyList<BenchmarkFigureRule> All { get; } =
    [
        // Gemm.Multiply of two Size x Size matrices: 2 Size^3 flops per call.
        new(
            "GemmBenchmarks",
            "Multiply",
            p => p.GetInt("Size") is int n ? FigureNames.MatMul(n) : null,
            (p, medianNs) => Gflops(2.0 * Math.Pow(p.GetInt("Size")!.Value, 3), medianNs),
            FigureUnits.Gflops),

        // GanStep.Run of the model named by Model at BatchSize images, one step per call.
        new(
            "GanStepBenchmarks",
            "Step",
            p => (p.GetString("Model"), p.GetInt("BatchSize")) switch
            {
                ("mlp", int batch) => FigureNames.MlpGanStep(batch),
                ("dcgan", int batch) => FigureNames.DcganStep(batch),
                _ => null,
            },
            (_, medianNs) => Milliseconds(medianNs),
            FigureUnits.Milliseconds),

        // One DCGAN convolution layer at batch 128, named by Layer ("G1 ConvT 1->7" and so on).
        new(
            "ConvBenchmarks",
            "Forward",
            p => ConvLayerName(p) is string layer ? FigureNames.ConvForward(layer, 128) : null,
            (_, medianNs) => Milliseconds(medianNs),
            FigureUnits.Milliseconds),
        new(
            "ConvBenchmarks",
            "ForwardBackward",
            p => ConvLayerName(p) is string layer
                ? FigureNames.ConvForwardBackward(layer, 128)
                : null,
            (_, medianNs) => Milliseconds(medianNs),
            FigureUnits.Milliseconds),
    ];

    // ConvBenchmarks' Layer values start with G1 to G3 or D1 to D3, in the order of
    // DcganNetworks.ConvLayers.
    private static string? ConvLayerName(BenchmarkParameters parameters) =>
        parameters.GetString("Layer")?.Trim('"', ' ') switch
        {
            ['G', '1', ..] => "g_convt1",
            ['G', '2', ..] => "g_convt2",
            ['G', '3', ..] => "g_convt3",
            ['D', '1', ..] => "d_conv1",
            ['D', '2', ..] => "d_conv2",
            ['D', '3', ..] => "d_conv3",
            _ => null,
        };

    private static double Gflops(double flops, double nanoseconds) => flops / nanoseconds;

    private static double Milliseconds(double nanoseconds) => nanoseconds / 1e6;
}
