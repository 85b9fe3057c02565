using NativeGan.Tensors.Kernels;

namespace NativeGan.Tensors.Tests;

public class GemmArgumentTests
{
    // A valid 3 x 4 x 5 product with minimal strides: A is 3 x 5, B is 5 x 4, C is 3 x 4.
    private const int M = 3;
    private const int N = 4;
    private const int K = 5;

    [Theory]
    [InlineData(-1, N, K, "m")]
    [InlineData(M, -1, K, "n")]
    [InlineData(M, N, -1, "k")]
    public void Multiply_NegativeSize_ThrowsNamingIt(int m, int n, int k, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Call(false, false, m, n, k, K, N, N, 100, 100, 100));

        Assert.Equal(name, error.ParamName);
    }

    [Theory]
    [InlineData(false, false, K - 1, N, N, "lda", "at least 5")]
    [InlineData(true, false, M - 1, N, N, "lda", "at least 3")]
    [InlineData(false, false, K, N - 1, N, "ldb", "at least 4")]
    [InlineData(false, true, K, K - 1, N, "ldb", "at least 5")]
    [InlineData(false, false, K, N, N - 1, "ldc", "at least 4")]
    public void Multiply_StrideTooSmall_ThrowsWithRequiredStride(
        bool transA, bool transB, int lda, int ldb, int ldc, string name, string required)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Call(transA, transB, M, N, K, lda, ldb, ldc, 100, 100, 100));

        Assert.Equal(name, error.ParamName);
        Assert.Contains(required, error.Message);
    }

    [Theory]
    [InlineData(false, 14, 100, 100, "a", "needs at least 15")]
    [InlineData(true, 100, 19, 100, "b", "needs at least 20")]
    [InlineData(false, 100, 100, 11, "c", "needs at least 12")]
    public void Multiply_SpanTooShort_ThrowsWithRequiredLength(
        bool transB, int aLength, int bLength, int cLength, string name, string required)
    {
        int ldb = transB ? K : N;

        var error = Assert.Throws<ArgumentException>(
            () => Call(false, transB, M, N, K, K, ldb, N, aLength, bLength, cLength));

        Assert.Equal(name, error.ParamName);
        Assert.Contains(required, error.Message);
    }

    [Fact]
    public void Multiply_LargeStrideShortSpan_ThrowsWithRequiredLength()
    {
        // With lda = 9 the three rows of A end at 2 * 9 + 5 = 23 elements.
        var error = Assert.Throws<ArgumentException>(
            () => Call(false, false, M, N, K, 9, N, N, 22, 100, 100));

        Assert.Contains("needs at least 23", error.Message);
    }

    [Fact]
    public void Multiply_ZeroSizesEmptySpans_Succeeds()
    {
        Gemm.Multiply(false, false, 0, 0, 0, 1f, [], 0, [], 0, 0f, [], 0);
    }

    [Fact]
    public void Multiply_ZeroThreads_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Gemm.Multiply(
                GemmMicrokernels.Best, 0, false, false, M, N, K,
                1f, new float[15], K, new float[20], N, 0f, new float[12], N));

        Assert.Equal("maxThreads", error.ParamName);
    }

    private static void Call(
        bool transA, bool transB, int m, int n, int k, int lda, int ldb, int ldc,
        int aLength, int bLength, int cLength)
    {
        Gemm.Multiply(
            transA, transB, m, n, k, 1f, new float[aLength], lda, new float[bLength], ldb,
            0f, new float[cLength], ldc);
    }
}
