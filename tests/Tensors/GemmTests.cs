using NativeGan.Tensors.Kernels;

namespace NativeGan.Tensors.Tests;

public class GemmTests
{
    // Sizes around the tile sizes (MR 4, 6, 8; NR 16, 32) and the depth block (KC 256), and
    // past the column block (NC 256 or 512): 530 columns, 257 and 300 depth.
    private static readonly (int M, int N, int K)[] Sizes =
    [
        (1, 1, 1),
        (7, 7, 7),
        (33, 33, 33),
        (127, 127, 127),
        (257, 257, 257),
        (1, 257, 33),
        (257, 1, 7),
        (7, 127, 300),
        (33, 530, 20),
        (127, 33, 257),
    ];

    /// <summary>Every supported microkernel, size and transpose combination.</summary>
    public static TheoryData<string, int, int, int, bool, bool> ProductCases()
    {
        var data = new TheoryData<string, int, int, int, bool, bool>();
        foreach (GemmMicrokernelKind kernel in GemmMicrokernels.Supported)
        {
            foreach ((int m, int n, int k) in Sizes)
            {
                foreach (bool transA in new[] { false, true })
                {
                    foreach (bool transB in new[] { false, true })
                    {
                        data.Add(kernel.ToString(), m, n, k, transA, transB);
                    }
                }
            }
        }

        return data;
    }

    /// <summary>Every supported microkernel by name.</summary>
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (GemmMicrokernelKind kernel in GemmMicrokernels.Supported)
        {
            data.Add(kernel.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProductCases))]
    public void Multiply_RandomOperands_MatchesFloat64Reference(
        string kernel, int m, int n, int k, bool transA, bool transB)
    {
        var problem = GemmReference.Random(transA, transB, m, n, k, seed: (ulong)(m * 31 + n));

        float[] c = GemmReference.RunGemm(problem, Enum.Parse<GemmMicrokernelKind>(kernel), 1);

        GemmReference.AssertMatches(problem, c, $"{kernel} {m}x{n}x{k} tA={transA} tB={transB}");
    }

    [Theory]
    [InlineData(1f, 0f)]
    [InlineData(1f, 1f)]
    [InlineData(-0.5f, 2f)]
    [InlineData(2f, -1f)]
    [InlineData(0.25f, 0.5f)]
    public void Multiply_AlphaBeta_MatchesFloat64Reference(float alpha, float beta)
    {
        foreach (GemmMicrokernelKind kernel in GemmMicrokernels.Supported)
        {
            var problem = GemmReference.Random(false, true, 33, 65, 47, alpha, beta);

            float[] c = GemmReference.RunGemm(problem, kernel, 2);

            GemmReference.AssertMatches(problem, c, $"{kernel} alpha={alpha} beta={beta}");
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Multiply_StridesLargerThanRows_UsesSubmatrices(bool transA, bool transB)
    {
        foreach (GemmMicrokernelKind kernel in GemmMicrokernels.Supported)
        {
            var problem = GemmReference.Random(
                transA, transB, 37, 41, 45, alpha: 1.5f, beta: 0.5f, padding: 11);

            float[] c = GemmReference.RunGemm(problem, kernel, 2);

            GemmReference.AssertMatches(problem, c, $"{kernel} tA={transA} tB={transB}");
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Multiply_BetaZeroWithNaNInC_IgnoresOldC(string kernel)
    {
        var problem = GemmReference.Random(false, false, 19, 45, 13, alpha: 2f, beta: 0f);
        Array.Fill(problem.C, float.NaN);

        float[] c = GemmReference.RunGemm(problem, Enum.Parse<GemmMicrokernelKind>(kernel), 1);

        GemmReference.AssertMatches(problem, c, kernel);
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(2f, 0f)]
    [InlineData(1f, -3f)]
    public void Multiply_DepthZero_ScalesC(float alpha, float beta)
    {
        var problem = GemmReference.Random(false, false, 5, 9, 0, alpha, beta, padding: 2);
        if (beta == 0f)
        {
            Array.Fill(problem.C, float.NaN);
        }

        float[] c = GemmReference.RunGemm(problem, GemmMicrokernels.Best, 1);

        GemmReference.AssertMatches(problem, c, $"alpha={alpha} beta={beta}");
    }

    [Fact]
    public void Multiply_AlphaZero_IgnoresNaNInAAndB()
    {
        var problem = GemmReference.Random(true, false, 9, 17, 5, alpha: 0f, beta: 0.5f);
        Array.Fill(problem.A, float.NaN);
        Array.Fill(problem.B, float.NaN);

        float[] expected = problem.C.Select(value => 0.5f * value).ToArray();

        float[] c = GemmReference.RunGemm(problem, GemmMicrokernels.Best, 1);

        Assert.Equal(expected, c);
    }

    [Theory]
    [InlineData(0, 5, 3)]
    [InlineData(4, 0, 3)]
    [InlineData(0, 0, 0)]
    public void Multiply_EmptyC_LeavesStorageUnchanged(int m, int n, int k)
    {
        var problem = GemmReference.Random(false, false, m, n, k, padding: 3);

        float[] c = GemmReference.RunGemm(problem, GemmMicrokernels.Best, 1);

        Assert.Equal(problem.C, c);
    }

    [Fact]
    public void Multiply_PublicOverload_MatchesFloat64Reference()
    {
        var problem = GemmReference.Random(true, true, 70, 90, 110, alpha: 0.5f, beta: 1f);
        float[] c = (float[])problem.C.Clone();

        Gemm.Multiply(
            true, true, 70, 90, 110, 0.5f, problem.A, problem.Lda, problem.B, problem.Ldb,
            1f, c, problem.Ldc);

        GemmReference.AssertMatches(problem, c, "public overload");
    }

    [Fact]
    public void Best_IsSupported()
    {
        Assert.True(GemmMicrokernels.IsSupported(GemmMicrokernels.Best));
    }

    [Fact]
    public void Multiply_UnknownKernel_ThrowsNotSupported()
    {
        var problem = GemmReference.Random(false, false, 2, 2, 2);

        Assert.Throws<PlatformNotSupportedException>(
            () => GemmReference.RunGemm(problem, (GemmMicrokernelKind)99, 1));
    }
}
