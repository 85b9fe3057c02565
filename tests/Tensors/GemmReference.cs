using System.Numerics.Tensors;
using NativeGan.Tensors.Kernels;

namespace NativeGan.Tensors.Tests;

/// <summary>
/// Naive float64 product that the GEMM tests compare against, with an error bound per
/// element for float32 accumulation.
/// </summary>
internal static class GemmReference
{
    /// <summary>Unit roundoff of float32, 2^-24.</summary>
    private const double FloatEpsilon = 1.0 / (1 << 24);

    /// <summary>One GEMM call: sizes, scalars and row-major storage with strides.</summary>
    internal sealed record Problem(
        bool TransA, bool TransB, int M, int N, int K,
        float Alpha, float[] A, int Lda, float[] B, int Ldb,
        float Beta, float[] C, int Ldc)
    {
        /// <summary>Element (i, p) of op(A).</summary>
        public float OpA(int i, int p) => TransA ? A[p * Lda + i] : A[i * Lda + p];

        /// <summary>Element (p, j) of op(B).</summary>
        public float OpB(int p, int j) => TransB ? B[j * Ldb + p] : B[p * Ldb + j];
    }

    /// <summary>
    /// Creates a problem with normal random operands and C, stored with row strides
    /// larger than the minimum by <paramref name="padding"/>.
    /// </summary>
    public static Problem Random(
        bool transA, bool transB, int m, int n, int k,
        float alpha = 1f, float beta = 0f, int padding = 0, ulong seed = 1)
    {
        int lda = (transA ? m : k) + padding;
        int ldb = (transB ? k : n) + padding;
        int ldc = n + padding;
        float[] a = RandomArray((transA ? k : m) * lda, seed);
        float[] b = RandomArray((transB ? n : k) * ldb, seed + 1);
        float[] c = RandomArray(m * ldc, seed + 2);
        return new Problem(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>Creates an array of standard normal values.</summary>
    public static float[] RandomArray(int length, ulong seed)
    {
        var values = new float[length];
        new Rng(seed).FillNormal(values);
        return values;
    }

    /// <summary>Runs <see cref="Gemm"/> on a copy of the problem's C and returns it.</summary>
    public static float[] RunGemm(Problem problem, GemmMicrokernelKind kernel, int maxThreads)
    {
        float[] c = (float[])problem.C.Clone();
        Gemm.Multiply(
            kernel, maxThreads, problem.TransA, problem.TransB,
            problem.M, problem.N, problem.K, problem.Alpha,
            problem.A, problem.Lda, problem.B, problem.Ldb,
            problem.Beta, c, problem.Ldc);
        return c;
    }

    /// <summary>
    /// Asserts that every element of C within the m x n matrix matches the float64 product
    /// within (k + 3) * 2^-24 * (|alpha| * sum_p |a_ip b_pj| + |beta c_ij|), a worst-case
    /// bound for k float32 multiply-adds and the final scaling, and that elements between
    /// rows (the stride padding) are unchanged.
    /// </summary>
    public static void AssertMatches(Problem problem, float[] actual, string context)
    {
        double worstRatio = 0;
        string worst = "";
        double tolerance = (problem.K + 3) * FloatEpsilon;
        int m = problem.M;
        int n = problem.N;
        int k = problem.K;

        // op(A) by rows and op(B) by columns, so that each element is two contiguous dots
        // (TensorPrimitives keeps them fast in Debug builds of the tests).
        var rowsA = new double[m * k];
        var columnsB = new double[n * k];
        for (int p = 0; p < k; p++)
        {
            for (int i = 0; i < m; i++)
            {
                rowsA[i * k + p] = problem.OpA(i, p);
            }

            for (int j = 0; j < n; j++)
            {
                columnsB[j * k + p] = problem.OpB(p, j);
            }
        }

        double[] absRowsA = rowsA.Select(Math.Abs).ToArray();
        double[] absColumnsB = columnsB.Select(Math.Abs).ToArray();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = TensorPrimitives.Dot<double>(
                    rowsA.AsSpan(i * k, k), columnsB.AsSpan(j * k, k));
                double magnitude = TensorPrimitives.Dot<double>(
                    absRowsA.AsSpan(i * k, k), absColumnsB.AsSpan(j * k, k));
                double old = problem.C[i * problem.Ldc + j];
                double expected = problem.Alpha * sum;
                double scale = Math.Abs(problem.Alpha) * magnitude;
                if (problem.Beta != 0f)
                {
                    expected += problem.Beta * old;
                    scale += Math.Abs(problem.Beta * old);
                }

                double got = actual[i * problem.Ldc + j];
                double error = Math.Abs(got - expected);
                double ratio = error == 0 ? 0 : error / (tolerance * scale);
                if (!(ratio <= worstRatio))
                {
                    worstRatio = double.IsNaN(ratio) ? double.PositiveInfinity : ratio;
                    worst = $"C[{i}, {j}] = {got}, expected {expected} within " +
                        $"{tolerance * scale:G3}";
                }
            }
        }

        Assert.True(worstRatio <= 1, $"{context}: {worst}");
        AssertPaddingUnchanged(problem, actual, context);
    }

    /// <summary>Asserts that the elements of C past column n of each row are unchanged.</summary>
    public static void AssertPaddingUnchanged(Problem problem, float[] actual, string context)
    {
        int changed = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            bool inside = i % problem.Ldc < problem.N && i / problem.Ldc < problem.M;
            if (!inside && BitConverter.SingleToInt32Bits(actual[i]) !=
                BitConverter.SingleToInt32Bits(problem.C[i]))
            {
                changed++;
            }
        }

        Assert.True(changed == 0, $"{context}: {changed} elements outside C were written");
    }
}
