using NativeGan.LibTorchBaseline.Figures;
using static TorchSharp.torch;

namespace NativeGan.LibTorchBaseline.Measurements;

/// <summary>
/// Throughput of torch.mm on square float32 matrices with standard normal entries:
/// 2 n^3 floating-point operations divided by the median time of one call.
/// </summary>
public static class MatMulFigures
{
    /// <summary>Measures torch.mm of two n x n matrices, n = <paramref name="size"/>.</summary>
    public static Figure Measure(int size, int threads, MeasurementSettings settings)
    {
        using Tensor a = randn(size, size);
        using Tensor b = randn(size, size);

        double ms = MedianTimer.MeasureMilliseconds(
            () =>
            {
                using Tensor c = mm(a, b);
            },
            settings.Warmup,
            settings.Repetitions);

        double flops = 2.0 * size * size * size;
        double gflops = flops / (ms * 1e6);
        return new Figure(FigureNames.MatMul(size), threads, gflops, FigureUnits.Gflops);
    }
}
