namespace NativeGan.Tensors.Kernels;

/// <summary>
/// Scalars of the update C = Alpha * sum + Beta * C that a microkernel applies to its tile.
/// Beta = 0 overwrites the tile without reading it.
/// </summary>
/// <remarks>
/// Microkernels take this by reference (<c>in</c>) and read it after their loop. Passed as
/// two float arguments, the scalars stayed in vector registers during the loop. The JIT
/// then moved the Vector256 kernel's broadcasts to EVEX-only registers (ymm16 and up) on
/// AVX-512 machines, and a 256 x 256 product ran 13% slower on a Zen 4 core.
/// </remarks>
internal readonly struct GemmTileScale(float alpha, float beta)
{
    /// <summary>Scale of the product.</summary>
    public readonly float Alpha = alpha;

    /// <summary>Scale of the old tile, where 0 overwrites it.</summary>
    public readonly float Beta = beta;
}
