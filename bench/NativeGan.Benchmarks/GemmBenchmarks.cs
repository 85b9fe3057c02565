using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using NativeGan.Tensors;
using NativeGan.Tensors.Kernels;

namespace NativeGan.Benchmarks;

/// <summary>
/// Square SGEMM, C = A * B with n x n operands, through the public
/// <see cref="Gemm"/>.Multiply with <see cref="ComputeThreads.Max"/> set to Threads.
/// </summary>
[Config(typeof(GemmBenchmarks.Config))]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    /// <summary>Rows and columns of each matrix.</summary>
    [Params(256, 512, 1024, 2048)]
    public int Size { get; set; }

    /// <summary>Value of <see cref="ComputeThreads.Max"/> during the benchmark.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Fills A and B with standard normal values and sets the thread limit.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _a = new float[Size * Size];
        _b = new float[Size * Size];
        _c = new float[Size * Size];
        var rng = new Rng(42);
        rng.FillNormal(_a);
        rng.FillNormal(_b);
        ComputeThreads.Max = Threads;
    }

    /// <summary>Multiplies A by B into C.</summary>
    [Benchmark]
    public void Multiply() =>
        Gemm.Multiply(false, false, Size, Size, Size, 1f, _a, Size, _b, Size, 0f, _c, Size);

    /// <summary>Settings with 2 n^3 floating-point operations per call.</summary>
    public sealed class Config() : ShortRunConfig(Flops)
    {
        private static double Flops(BenchmarkCase benchmarkCase)
        {
            double n = GflopsColumn.IntParameter(benchmarkCase, nameof(Size));
            return 2 * n * n * n;
        }
    }
}
