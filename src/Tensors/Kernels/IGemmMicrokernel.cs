namespace NativeGan.Tensors.Kernels;

/// <summary>
/// Register-blocked inner kernel of <see cref="Gemm"/> with its blocking sizes, in the
/// notation of Goto and van de Geijn, "Anatomy of High-Performance Matrix Multiplication"
/// (ACM TOMS, 2008).
/// </summary>
/// <remarks>
/// Implementations are structs so that the generic driver is compiled once per kernel and
/// the sizes below become constants.
/// </remarks>
internal unsafe interface IGemmMicrokernel
{
    /// <summary>MR: rows of the register tile of C.</summary>
    static abstract int Mr { get; }

    /// <summary>NR: columns of the register tile of C.</summary>
    static abstract int Nr { get; }

    /// <summary>KC: depth of one packed block of op(A) and op(B).</summary>
    static abstract int Kc { get; }

    /// <summary>MC: rows of one packed block of op(A), a multiple of MR.</summary>
    static abstract int Mc { get; }

    /// <summary>NC: columns of one packed block of op(B), a multiple of NR.</summary>
    static abstract int Nc { get; }

    /// <summary>
    /// Computes one MR x NR tile: c = alpha * (a * b) + beta * c, or c = alpha * (a * b)
    /// when beta is 0 (c is then not read). The sums over k use FMA in order of k, and the
    /// update uses separate products and a sum, as <see cref="GemmDriver{TKernel}"/> does
    /// for edge tiles.
    /// </summary>
    /// <param name="kc">Depth, at least 1.</param>
    /// <param name="a">Packed micro-panel of op(A): kc steps of MR values.</param>
    /// <param name="b">Packed micro-panel of op(B): kc steps of NR values, 64-byte aligned.</param>
    /// <param name="c">Top-left element of the tile.</param>
    /// <param name="ldc">Row stride of C in elements.</param>
    /// <param name="scale">Alpha and beta of the update.</param>
    static abstract void Run(
        int kc, float* a, float* b, float* c, nint ldc, in GemmTileScale scale);
}
