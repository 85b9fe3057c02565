using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Kernels;

namespace NativeGan.Tensors.Tests.Gpu;

[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceGemmTests(CpuAcceleratorFixture fixture)
{
    private const double UnitRoundoff = 1.0 / (1 << 24);

    private readonly ComputeDevice _device = fixture.Device;

    // (m, n, k) with edge tiles on every axis: 1, 7, 33 and 65 are not multiples of the
    // 64 x 64 block or the 16-deep slice, and 64 is exactly one block. 129 x 131 leaves
    // partial 128 x 128 blocks of the wide kernel on both axes. Each size runs on the 64 x 64
    // kernel and on the wide 128 x 128 one.
    public static TheoryData<bool, bool, bool, int, int, int> Sizes()
    {
        var data = new TheoryData<bool, bool, bool, int, int, int>();
        int[][] sizes =
        [
            [1, 1, 1], [7, 33, 5], [64, 1, 33], [33, 64, 64], [65, 7, 17], [129, 131, 9],
        ];
        foreach (bool wide in new[] { false, true })
        {
            foreach (int[] s in sizes)
            {
                data.Add(wide, false, false, s[0], s[1], s[2]);
                data.Add(wide, true, false, s[0], s[1], s[2]);
                data.Add(wide, false, true, s[0], s[1], s[2]);
                data.Add(wide, true, true, s[0], s[1], s[2]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Multiply_RandomOperands_MatchesFloat64(
        bool wide, bool transA, bool transB, int m, int n, int k)
    {
        GemmReference.Problem problem = Problem(transA, transB, m, n, k, beta: 0.5f);

        float[] actual = RunOnDevice(problem, wide ? GemmTiling.Wide : GemmTiling.Narrow);

        GemmReference.AssertMatches(problem, actual, $"device {m}x{n}x{k}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Multiply_RandomOperands_MatchesCpuGemm(
        bool wide, bool transA, bool transB, int m, int n, int k)
    {
        GemmReference.Problem problem = Problem(transA, transB, m, n, k, beta: 0.5f);
        float[] cpu = (float[])problem.C.Clone();
        Gemm.Multiply(transA, transB, m, n, k, problem.Alpha, problem.A, problem.Lda,
            problem.B, problem.Ldb, problem.Beta, cpu, problem.Ldc);

        float[] actual = RunOnDevice(problem, wide ? GemmTiling.Wide : GemmTiling.Narrow);

        // The CPU and device results may each differ from the exact product by the float32
        // bound, so they may differ from each other by twice that bound.
        double[] allowed = ErrorBound(problem).Select(bound => 2 * bound).ToArray();
        for (int i = 0; i < cpu.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - cpu[i]) <= allowed[i],
                $"Element {i}: CPU {cpu[i]:G9}, device {actual[i]:G9}, allowed {allowed[i]:G3}.");
        }
    }

    [Fact]
    public void Multiply_BetaZero_IgnoresNaNInC()
    {
        GemmReference.Problem problem = Problem(false, false, 7, 9, 5, beta: 0f);
        Array.Fill(problem.C, float.NaN);

        float[] actual = RunOnDevice(problem);

        GemmReference.AssertMatches(problem, actual, "beta 0 over NaN");
    }

    [Fact]
    public void Multiply_InnerSizesDiffer_Throws()
    {
        using DeviceTensor a = DeviceTensor.Zeros(_device, 3, 4);
        using DeviceTensor b = DeviceTensor.Zeros(_device, 5, 2);
        using DeviceTensor c = DeviceTensor.Zeros(_device, 3, 2);

        var error = Assert.Throws<ArgumentException>(
            () => DeviceGemm.Multiply(false, false, 1f, a, b, 0f, c));

        Assert.Contains("(3, 4)", error.Message);
        Assert.Contains("(5, 2)", error.Message);
    }

    private static GemmReference.Problem Problem(
        bool transA, bool transB, int m, int n, int k, float beta) =>
        GemmReference.Random(transA, transB, m, n, k, alpha: 0.75f, beta: beta,
            seed: (ulong)(m * 10000 + n * 100 + k));

    // (k + 3) u (|alpha| sum_p |a_ip b_pj| + |beta c_ij|), the bound of GemmReference.
    private static double[] ErrorBound(GemmReference.Problem p)
    {
        var bound = new double[p.M * p.N];
        for (int i = 0; i < p.M; i++)
        {
            for (int j = 0; j < p.N; j++)
            {
                double magnitude = 0;
                for (int q = 0; q < p.K; q++)
                {
                    magnitude += Math.Abs((double)p.OpA(i, q) * p.OpB(q, j));
                }

                double scaled = Math.Abs(p.Alpha) * magnitude + Math.Abs(p.Beta * p.C[i * p.N + j]);
                bound[i * p.N + j] = (p.K + 3) * UnitRoundoff * scaled;
            }
        }

        return bound;
    }

    private float[] RunOnDevice(
        GemmReference.Problem problem, GemmTiling tiling = GemmTiling.Auto)
    {
        int[] aShape = problem.TransA ? [problem.K, problem.M] : [problem.M, problem.K];
        int[] bShape = problem.TransB ? [problem.N, problem.K] : [problem.K, problem.N];
        using DeviceTensor a = new Tensor(problem.A, aShape).ToDevice(_device);
        using DeviceTensor b = new Tensor(problem.B, bShape).ToDevice(_device);
        using DeviceTensor c = new Tensor((float[])problem.C.Clone(), problem.M, problem.N)
            .ToDevice(_device);
        DeviceGemm.Multiply(
            problem.TransA, problem.TransB, problem.Alpha, a, b, problem.Beta, c, tiling);
        return c.ToHost().Data;
    }
}
