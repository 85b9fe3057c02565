using System.Numerics.Tensors;

namespace NativeGan.Tensors.Kernels;

/// <summary>
/// Single-precision general matrix multiplication (SGEMM) on row-major matrices: a packed,
/// cache-blocked product with SIMD microkernels, run on up to
/// <see cref="ComputeThreads.Max"/> threads.
/// </summary>
/// <remarks>
/// Results are bitwise the same for any number of threads on one machine, because every
/// element of C sums over k in the same order. They may differ in the last bits between
/// machines with different instruction sets.
/// </remarks>
public static class Gemm
{
    /// <summary>
    /// Computes C = alpha * op(A) * op(B) + beta * C, where op(A) is m x k, op(B) is k x n
    /// and C is m x n, all row-major.
    /// </summary>
    /// <param name="transA">
    /// Whether op(A) = A^T. A is stored m x k with row stride <paramref name="lda"/> &gt;= k,
    /// or k x m with <paramref name="lda"/> &gt;= m when set.
    /// </param>
    /// <param name="transB">
    /// Whether op(B) = B^T. B is stored k x n with row stride <paramref name="ldb"/> &gt;= n,
    /// or n x k with <paramref name="ldb"/> &gt;= k when set.
    /// </param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A) and rows of op(B). With 0, C = beta * C.</param>
    /// <param name="alpha">
    /// Scale of the product. With 0, C = beta * C and A and B are not read.
    /// </param>
    /// <param name="a">Storage of A.</param>
    /// <param name="lda">Row stride of A as stored, in elements.</param>
    /// <param name="b">Storage of B.</param>
    /// <param name="ldb">Row stride of B as stored, in elements.</param>
    /// <param name="beta">
    /// Scale of the old C. With 0, C is overwritten without being read, so NaN in C is
    /// ignored.
    /// </param>
    /// <param name="c">Storage of C, updated in place. It must not overlap A or B.</param>
    /// <param name="ldc">Row stride of C, in elements, at least n.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A size is negative or a stride is too small.
    /// </exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix.</exception>
    public static void Multiply(
        bool transA, bool transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        Multiply(
            GemmMicrokernels.Best, ComputeThreads.Max,
            transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>
    /// Computes the same product as the public overload with a chosen microkernel and
    /// thread limit, so that tests and benchmarks can run each path.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">
    /// This machine cannot run <paramref name="kernel"/>.
    /// </exception>
    internal static unsafe void Multiply(
        GemmMicrokernelKind kernel, int maxThreads,
        bool transA, bool transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmArguments.Validate(
            transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        GemmArguments.ValidateThreads(maxThreads);
        GemmMicrokernels.EnsureSupported(kernel);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == 0f)
        {
            ScaleC(m, n, beta, c, ldc);
            return;
        }

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var op = new GemmOperands(pa, lda, transA, pb, ldb, transB, pc, ldc, k, alpha, beta);
            switch (kernel)
            {
                case GemmMicrokernelKind.Vector512:
                    Run<Vector512Microkernel>(op, m, n, maxThreads);
                    break;
                case GemmMicrokernelKind.Vector256Fma:
                    Run<Vector256FmaMicrokernel>(op, m, n, maxThreads);
                    break;
                default:
                    Run<PortableMicrokernel>(op, m, n, maxThreads);
                    break;
            }
        }
    }

    /// <summary>Plans how a product is split among threads, for tests.</summary>
    internal static GemmPartition Plan(
        GemmMicrokernelKind kernel, int m, int n, int k, int maxThreads) =>
        kernel switch
        {
            GemmMicrokernelKind.Vector512 => Plan<Vector512Microkernel>(m, n, k, maxThreads),
            GemmMicrokernelKind.Vector256Fma => Plan<Vector256FmaMicrokernel>(m, n, k, maxThreads),
            _ => Plan<PortableMicrokernel>(m, n, k, maxThreads),
        };

    private static GemmPartition Plan<TKernel>(int m, int n, int k, int maxThreads)
        where TKernel : struct, IGemmMicrokernel =>
        GemmPartition.Plan(m, n, k, TKernel.Mr, TKernel.Nr, maxThreads);

    private static void Run<TKernel>(GemmOperands op, int m, int n, int maxThreads)
        where TKernel : struct, IGemmMicrokernel
    {
        GemmPartition plan = Plan<TKernel>(m, n, op.K, maxThreads);
        if (plan.Threads == 1)
        {
            GemmDriver<TKernel>.Run(op, 0, m, 0, n);
            return;
        }

        RunParallel<TKernel>(op, m, n, plan);
    }

    // Separate from Run so that the single-threaded path does not allocate the closure.
    // NOTE: Parallel.For allocates a few small objects per call (about 1.8 KiB in
    // GemmBenchmarks). The packing buffers, the large allocations, are reused.
    private static void RunParallel<TKernel>(GemmOperands op, int m, int n, GemmPartition plan)
        where TKernel : struct, IGemmMicrokernel
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = plan.Threads };
        Parallel.For(0, plan.Threads, options, part =>
        {
            (int start, int end) = plan.Range(part);
            if (plan.SplitColumns)
            {
                GemmDriver<TKernel>.Run(op, 0, m, start, end);
            }
            else
            {
                GemmDriver<TKernel>.Run(op, start, end, 0, n);
            }
        });
    }

    // C = beta * C for k = 0 or alpha = 0. With beta = 0, C is cleared, NaN included.
    private static void ScaleC(int m, int n, float beta, Span<float> c, int ldc)
    {
        if (beta == 1f)
        {
            return;
        }

        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else
            {
                TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }
}
