using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NativeGan.Tensors.Kernels;

namespace NativeGan.Benchmarks;

/// <summary>
/// Peak single-precision FMA throughput of this machine: 12 independent accumulators per
/// thread, updated by fused multiply-adds on registers only, with the vector width and
/// instruction of each GEMM microkernel that the machine supports.
/// </summary>
/// <remarks>
/// 12 chains cover the FMA latency (4 cycles on Zen 4 and Skylake) on two FMA pipes, so
/// the loop is bound by FMA throughput alone. GEMM throughput is judged against it.
/// </remarks>
[Config(typeof(FmaPeakBenchmarks.Config))]
public class FmaPeakBenchmarks
{
    // Steps of the loop per thread and call: about 7 ms (256-bit) or 13 ms (512-bit) on
    // one Zen 4 core.
    private const int Steps = 4_000_000;
    private const int Accumulators = 12;

    private readonly float[] _results = new float[64];

    /// <summary>Microkernel whose vector instruction the loop uses.</summary>
    [ParamsSource(nameof(Kernels))]
    public string Kernel { get; set; } = "";

    /// <summary>Threads that run the loop at the same time.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Names of the microkernels that this machine supports.</summary>
    public static IEnumerable<string> Kernels =>
        GemmMicrokernels.Supported.Select(kind => kind.ToString());

    /// <summary>Runs the FMA loop on <see cref="Threads"/> threads.</summary>
    [Benchmark]
    public float FusedMultiplyAdd()
    {
        var kind = Enum.Parse<GemmMicrokernelKind>(Kernel);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Threads };
        Parallel.For(0, Threads, options, thread => _results[thread] = kind switch
        {
            GemmMicrokernelKind.Vector512 => Loop512(Steps),
            GemmMicrokernelKind.Vector256Fma => Loop256(Steps),
            _ => LoopPortable(Steps),
        });
        return _results[0];
    }

    private static int Lanes(string kernel) => Enum.Parse<GemmMicrokernelKind>(kernel) switch
    {
        GemmMicrokernelKind.Vector512 => Vector512<float>.Count,
        GemmMicrokernelKind.Vector256Fma => Vector256<float>.Count,
        _ => Vector<float>.Count,
    };

    // One AVX-512 FMA per accumulator and step.
    private static float Loop512(int steps)
    {
        Vector512<float> x = Vector512.Create(1.0001f);
        Vector512<float> y = Vector512.Create(1e-3f);
        Vector512<float> a0 = default;
        Vector512<float> a1 = default;
        Vector512<float> a2 = default;
        Vector512<float> a3 = default;
        Vector512<float> a4 = default;
        Vector512<float> a5 = default;
        Vector512<float> a6 = default;
        Vector512<float> a7 = default;
        Vector512<float> a8 = default;
        Vector512<float> a9 = default;
        Vector512<float> a10 = default;
        Vector512<float> a11 = default;
        for (int step = 0; step < steps; step++)
        {
            a0 = Avx512F.FusedMultiplyAdd(x, y, a0);
            a1 = Avx512F.FusedMultiplyAdd(x, y, a1);
            a2 = Avx512F.FusedMultiplyAdd(x, y, a2);
            a3 = Avx512F.FusedMultiplyAdd(x, y, a3);
            a4 = Avx512F.FusedMultiplyAdd(x, y, a4);
            a5 = Avx512F.FusedMultiplyAdd(x, y, a5);
            a6 = Avx512F.FusedMultiplyAdd(x, y, a6);
            a7 = Avx512F.FusedMultiplyAdd(x, y, a7);
            a8 = Avx512F.FusedMultiplyAdd(x, y, a8);
            a9 = Avx512F.FusedMultiplyAdd(x, y, a9);
            a10 = Avx512F.FusedMultiplyAdd(x, y, a10);
            a11 = Avx512F.FusedMultiplyAdd(x, y, a11);
        }

        Vector512<float> sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return sum[0];
    }

    // One AVX2 FMA per accumulator and step.
    private static float Loop256(int steps)
    {
        Vector256<float> x = Vector256.Create(1.0001f);
        Vector256<float> y = Vector256.Create(1e-3f);
        Vector256<float> a0 = default;
        Vector256<float> a1 = default;
        Vector256<float> a2 = default;
        Vector256<float> a3 = default;
        Vector256<float> a4 = default;
        Vector256<float> a5 = default;
        Vector256<float> a6 = default;
        Vector256<float> a7 = default;
        Vector256<float> a8 = default;
        Vector256<float> a9 = default;
        Vector256<float> a10 = default;
        Vector256<float> a11 = default;
        for (int step = 0; step < steps; step++)
        {
            a0 = Fma.MultiplyAdd(x, y, a0);
            a1 = Fma.MultiplyAdd(x, y, a1);
            a2 = Fma.MultiplyAdd(x, y, a2);
            a3 = Fma.MultiplyAdd(x, y, a3);
            a4 = Fma.MultiplyAdd(x, y, a4);
            a5 = Fma.MultiplyAdd(x, y, a5);
            a6 = Fma.MultiplyAdd(x, y, a6);
            a7 = Fma.MultiplyAdd(x, y, a7);
            a8 = Fma.MultiplyAdd(x, y, a8);
            a9 = Fma.MultiplyAdd(x, y, a9);
            a10 = Fma.MultiplyAdd(x, y, a10);
            a11 = Fma.MultiplyAdd(x, y, a11);
        }

        Vector256<float> sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return sum[0];
    }

    // One Vector<float> multiply-add per accumulator and step.
    private static float LoopPortable(int steps)
    {
        Vector<float> x = new Vector<float>(1.0001f);
        Vector<float> y = new Vector<float>(1e-3f);
        Vector<float> a0 = default;
        Vector<float> a1 = default;
        Vector<float> a2 = default;
        Vector<float> a3 = default;
        Vector<float> a4 = default;
        Vector<float> a5 = default;
        Vector<float> a6 = default;
        Vector<float> a7 = default;
        Vector<float> a8 = default;
        Vector<float> a9 = default;
        Vector<float> a10 = default;
        Vector<float> a11 = default;
        for (int step = 0; step < steps; step++)
        {
            a0 = Vector.MultiplyAddEstimate(x, y, a0);
            a1 = Vector.MultiplyAddEstimate(x, y, a1);
            a2 = Vector.MultiplyAddEstimate(x, y, a2);
            a3 = Vector.MultiplyAddEstimate(x, y, a3);
            a4 = Vector.MultiplyAddEstimate(x, y, a4);
            a5 = Vector.MultiplyAddEstimate(x, y, a5);
            a6 = Vector.MultiplyAddEstimate(x, y, a6);
            a7 = Vector.MultiplyAddEstimate(x, y, a7);
            a8 = Vector.MultiplyAddEstimate(x, y, a8);
            a9 = Vector.MultiplyAddEstimate(x, y, a9);
            a10 = Vector.MultiplyAddEstimate(x, y, a10);
            a11 = Vector.MultiplyAddEstimate(x, y, a11);
        }

        Vector<float> sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return sum[0];
    }

    /// <summary>Settings with 2 flops per lane, accumulator, step and thread.</summary>
    public sealed class Config() : ShortRunConfig(Flops)
    {
        private static double Flops(BenchmarkCase benchmarkCase)
        {
            int threads = GflopsColumn.IntParameter(benchmarkCase, nameof(Threads));
            int lanes = Lanes((string)benchmarkCase.Parameters[nameof(Kernel)]);
            return 2.0 * lanes * Accumulators * Steps * threads;
        }
    }
}
