namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Sizes, strides and scalars of one GEMM launch, C = alpha op(A) op(B) + beta C with op(A)
/// (M, K), op(B) (K, N) and C (M, N), all row-major, passed to the kernel by value.
/// </summary>
/// <remarks>
/// The transpose flags are stored as ints because ILGPU passes only blittable structs to
/// kernels, and bool is not blittable.
/// </remarks>
internal readonly struct DeviceGemmArguments
{
    private readonly int _transA;
    private readonly int _transB;

    /// <summary>Creates the arguments, described by the properties of the same names.</summary>
    public DeviceGemmArguments(
        int m, int n, int k, int lda, int ldb, int ldc, bool transA, bool transB, float alpha,
        float beta)
    {
        M = m;
        N = n;
        K = k;
        Lda = lda;
        Ldb = ldb;
        Ldc = ldc;
        _transA = transA ? 1 : 0;
        _transB = transB ? 1 : 0;
        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>Rows of op(A) and C.</summary>
    public int M { get; }

    /// <summary>Columns of op(B) and C.</summary>
    public int N { get; }

    /// <summary>Columns of op(A) and rows of op(B).</summary>
    public int K { get; }

    /// <summary>Row stride of A as stored: at least K, or at least M when TransA.</summary>
    public int Lda { get; }

    /// <summary>Row stride of B as stored: at least N, or at least K when TransB.</summary>
    public int Ldb { get; }

    /// <summary>Row stride of C, at least N.</summary>
    public int Ldc { get; }

    /// <summary>Whether A is stored (K, M) and op(A) = A^T.</summary>
    public bool TransA => _transA != 0;

    /// <summary>Whether B is stored (N, K) and op(B) = B^T.</summary>
    public bool TransB => _transB != 0;

    /// <summary>Scale of the product.</summary>
    public float Alpha { get; }

    /// <summary>Scale of the old C. With 0, the kernel does not read C.</summary>
    public float Beta { get; }

    /// <summary>Returns the same arguments with K = 0, so that C = beta C.</summary>
    public DeviceGemmArguments WithoutProduct() =>
        new(M, N, 0, Lda, Ldb, Ldc, TransA, TransB, Alpha, Beta);
}
