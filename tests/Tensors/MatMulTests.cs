namespace NativeGan.Tensors.Tests;

public sealed class MatMulTests
{
    public static TheoryData<int, int, int, bool, bool> SizesAndTransposes()
    {
        int[][] sizes =
        [
            [1, 1, 1],
            [7, 1, 33],
            [1, 127, 7],
            [33, 7, 1],
            [33, 127, 7],
            [127, 33, 257],
            [257, 7, 33],
        ];
        var data = new TheoryData<int, int, int, bool, bool>();
        foreach (int[] mkn in sizes)
        {
            foreach (bool transposeA in new[] { false, true })
            {
                foreach (bool transposeB in new[] { false, true })
                {
                    data.Add(mkn[0], mkn[1], mkn[2], transposeA, transposeB);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SizesAndTransposes))]
    public void MatMul_RandomMatrices_MatchesFloat64(
        int m, int k, int n, bool transposeA, bool transposeB)
    {
        var rng = new Rng((ulong)(m * 1000 + k * 10 + n));
        Tensor a = RandomTensors.Uniform(rng, transposeA ? [k, m] : [m, k]);
        Tensor b = RandomTensors.Uniform(rng, transposeB ? [n, k] : [k, n]);

        Tensor result = TensorOps.MatMul(a, b, transposeA, transposeB);

        Assert.Equal(new Shape(m, n), result.Shape);
        AssertWithinRoundoff(
            a, b, m, n, k, transposeA, transposeB, result.Data, 1.0, 0.0, null);
    }

    [Theory]
    [InlineData(false, false, 1f, 0f)]
    [InlineData(true, false, 0.5f, 1f)]
    [InlineData(false, true, -2f, 0.25f)]
    [InlineData(true, true, 1f, 1f)]
    public void MatMulInPlace_AlphaBeta_MatchesFloat64(
        bool transposeA, bool transposeB, float alpha, float beta)
    {
        const int M = 33, K = 7, N = 127;
        var rng = new Rng(77);
        Tensor a = RandomTensors.Uniform(rng, transposeA ? [K, M] : [M, K]);
        Tensor b = RandomTensors.Uniform(rng, transposeB ? [N, K] : [K, N]);
        Tensor result = RandomTensors.Uniform(rng, [M, N]);
        float[] before = (float[])result.Data.Clone();

        TensorOps.MatMul(a, b, result, transposeA, transposeB, alpha, beta);

        AssertWithinRoundoff(
            a, b, M, N, K, transposeA, transposeB, result.Data, alpha, beta, before);
    }

    [Fact]
    public void MatMulInPlace_BetaZero_IgnoresNaNInResult()
    {
        Tensor a = Tensor.Ones(2, 3);
        Tensor b = Tensor.Ones(3, 2);
        Tensor result = Tensor.Full(float.NaN, 2, 2);

        TensorOps.MatMul(a, b, result, transposeA: false, transposeB: false);

        Assert.All(result.Data, v => Assert.Equal(3f, v));
    }

    [Fact]
    public void MatMul_InnerSizeZero_ReturnsZeros()
    {
        Tensor result = TensorOps.MatMul(new Tensor(3, 0), new Tensor(0, 4));

        Assert.Equal(new Shape(3, 4), result.Shape);
        Assert.All(result.Data, v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 4, 5 }, false, false)]
    [InlineData(new[] { 2, 3 }, new[] { 2, 5 }, false, false)]
    [InlineData(new[] { 2, 3 }, new[] { 3, 5 }, true, false)]
    [InlineData(new[] { 2, 3 }, new[] { 3, 5 }, false, true)]
    public void MatMul_InnerSizesDiffer_ThrowsWithBothShapes(
        int[] shapeA, int[] shapeB, bool transposeA, bool transposeB)
    {
        var a = new Tensor(shapeA);
        var b = new Tensor(shapeB);

        var error = Assert.Throws<ArgumentException>(
            () => TensorOps.MatMul(a, b, transposeA, transposeB));

        Assert.Contains(a.Shape.ToString(), error.Message);
        Assert.Contains(b.Shape.ToString(), error.Message);
    }

    [Theory]
    [InlineData(new[] { 3 }, new[] { 3, 2 })]
    [InlineData(new[] { 2, 3 }, new[] { 3 })]
    [InlineData(new[] { 1, 2, 3 }, new[] { 3, 2 })]
    public void MatMul_NotMatrices_ThrowsWithBothShapes(int[] shapeA, int[] shapeB)
    {
        var a = new Tensor(shapeA);
        var b = new Tensor(shapeB);

        var error = Assert.Throws<ArgumentException>(() => TensorOps.MatMul(a, b));

        Assert.Contains(a.Shape.ToString(), error.Message);
        Assert.Contains(b.Shape.ToString(), error.Message);
    }

    [Fact]
    public void MatMulInPlace_ResultOfWrongShape_ThrowsWithShape()
    {
        var result = new Tensor(3, 2);

        var error = Assert.Throws<ArgumentException>(
            () => TensorOps.MatMul(new Tensor(2, 4), new Tensor(4, 3), result, false, false));

        Assert.Contains("(3, 2)", error.Message);
        Assert.Contains("(2, 3)", error.Message);
    }

    // A float32 sum of k products, in any order, is off by at most about
    // k * 2^-24 * sum_p |a_ip b_pj|, the standard forward error bound of a dot product.
    // The bound below doubles that and adds the roundoff of alpha, beta and the old C.
    private static void AssertWithinRoundoff(
        Tensor a, Tensor b, int m, int n, int k, bool transposeA, bool transposeB,
        float[] actual, double alpha, double beta, float[]? before)
    {
        double[] product = Float64Reference.MatMul(
            a.Data, b.Data, m, n, k, transposeA, transposeB);
        double[] magnitude = Float64Reference.MatMul(
            a.Data.Select(Math.Abs).ToArray(), b.Data.Select(Math.Abs).ToArray(),
            m, n, k, transposeA, transposeB);
        const double Unit = 1.0 / (1 << 24);
        for (int i = 0; i < actual.Length; i++)
        {
            double old = before is null ? 0.0 : before[i];
            double expected = alpha * product[i] + beta * old;
            double scale = Math.Abs(alpha) * magnitude[i] + Math.Abs(beta * old);
            double bound = 2 * (k + 2) * Unit * scale + 1e-7;
            double error = Math.Abs(actual[i] - expected);
            if (!(error <= bound))
            {
                Assert.Fail(
                    $"Element ({i / n}, {i % n}) of ({m}, {n}): expected {expected:G9}, got " +
                    $"{actual[i]:G9}, error {error:G3} > bound {bound:G3}.");
            }
        }
    }
}
