namespace NativeGan.Tensors.Kernels;

/// <summary>
/// Pointers, strides and scalars of one <see cref="Gemm"/> call, after validation.
/// </summary>
/// <remarks>
/// Element (i, p) of op(A) is A[i * Lda + p], or A[p * Lda + i] when TransA is set.
/// Element (p, j) of op(B) is B[p * Ldb + j], or B[j * Ldb + p] when TransB is set. The
/// caller keeps the memory pinned for the whole call.
/// </remarks>
internal readonly unsafe struct GemmOperands(
    float* a, nint lda, bool transA,
    float* b, nint ldb, bool transB,
    float* c, nint ldc,
    int k, float alpha, float beta)
{
    public readonly float* A = a;
    public readonly nint Lda = lda;
    public readonly bool TransA = transA;
    public readonly float* B = b;
    public readonly nint Ldb = ldb;
    public readonly bool TransB = transB;
    public readonly float* C = c;
    public readonly nint Ldc = ldc;
    public readonly int K = k;
    public readonly float Alpha = alpha;
    public readonly float Beta = beta;
}
