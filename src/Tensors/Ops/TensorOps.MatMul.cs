using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Kernels;

namespace NativeGan.Tensors;

public static partial class TensorOps
{
    /// <summary>
    /// Returns op(a) * op(b) for matrices, where op transposes when asked, without copying
    /// the transposed operand. a: (m, k) or (k, m) when transposed; b: (k, n) or (n, k).
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        (int m, int k, int n) = MatMulSizes(a, b, transposeA, transposeB);
        if (OnDevice(nameof(MatMul), a, b))
        {
            // With beta 0 the kernel writes every element without reading it.
            var product = Tensor.Uninitialized(a.Device, new Shape(m, n));
            DeviceGemm.Multiply(
                transposeA, transposeB, 1f, a.DeviceStorage, b.DeviceStorage, 0f,
                product.DeviceStorage);
            return product;
        }

        var result = new Tensor(m, n);
        Gemm.Multiply(
            transposeA, transposeB, m, n, k,
            1f, a.Data, a.Shape[1], b.Data, b.Shape[1],
            0f, result.Data, n);
        return result;
    }

    /// <summary>
    /// Computes result = alpha * op(a) * op(b) + beta * result in place. With beta = 1 this
    /// accumulates into an existing gradient buffer.
    /// </summary>
    public static void MatMul(
        Tensor a, Tensor b, Tensor result, bool transposeA, bool transposeB,
        float alpha = 1f, float beta = 0f)
    {
        (int m, int k, int n) = MatMulSizes(a, b, transposeA, transposeB);
        if (result.Rank != 2 || result.Shape[0] != m || result.Shape[1] != n)
        {
            throw new ArgumentException(
                $"MatMul: result has shape {result.Shape}, expected ({m}, {n}) for " +
                $"{a.Shape}{(transposeA ? "^T" : "")} x {b.Shape}{(transposeB ? "^T" : "")}.");
        }

        if (OnDevice(nameof(MatMul), a, b, result))
        {
            DeviceGemm.Multiply(
                transposeA, transposeB, alpha, a.DeviceStorage, b.DeviceStorage, beta,
                result.DeviceStorage);
            return;
        }

        Gemm.Multiply(
            transposeA, transposeB, m, n, k,
            alpha, a.Data, a.Shape[1], b.Data, b.Shape[1],
            beta, result.Data, n);
    }

    private static (int M, int K, int N) MatMulSizes(
        Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        if (a.Rank != 2 || b.Rank != 2)
        {
            throw new ArgumentException(
                $"MatMul needs two matrices, got shapes {a.Shape} and {b.Shape}.");
        }

        int m = transposeA ? a.Shape[1] : a.Shape[0];
        int k = transposeA ? a.Shape[0] : a.Shape[1];
        int kb = transposeB ? b.Shape[1] : b.Shape[0];
        int n = transposeB ? b.Shape[0] : b.Shape[1];
        if (k != kb)
        {
            throw new ArgumentException(
                $"MatMul: inner dimensions differ for {a.Shape}{(transposeA ? "^T" : "")} " +
                $"x {b.Shape}{(transposeB ? "^T" : "")} ({k} vs {kb}).");
        }

        return (m, k, n);
    }
}
