using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NativeGan.Tensors.Kernels;

/// <summary>
/// AVX-512 microkernel: an 8 x 32 tile of C held in 16 Vector512 accumulators, updated
/// by one broadcast of op(A) and two loads of op(B) per row and step of k.
/// </summary>
/// <remarks>
/// 16 accumulators of 16 lanes cover the FMA latency (4 cycles on Zen 4 and Skylake-X)
/// with room to spare in the 32 vector registers. MR = 8 divides the batch sizes and layer
/// widths that neural networks use, so fewer tiles are padded. The KC x MR micro-panel of
/// op(A) (8 KiB) stays in L1. The KC x NC block of op(B) (512 KiB) is read from L2, and the
/// MC x KC block of op(A) (1 MiB) from L2 or L3.
/// </remarks>
internal readonly unsafe struct Vector512Microkernel : IGemmMicrokernel
{
    public static int Mr => 8;

    public static int Nr => 32;

    public static int Kc => 256;

    public static int Mc => 1024;

    public static int Nc => 512;

    /// <inheritdoc cref="IGemmMicrokernel.Run"/>
    /// <remarks>
    /// Kept out of line: inlined into the driver's loops, the Vector256 kernel ran about
    /// 10% slower on a Zen 4 core, because the JIT allocated its registers worse.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(
        int kc, float* a, float* b, float* c, nint ldc, in GemmTileScale scale)
    {
        // Start loading the C tile now, because its rows are ldc apart and usually not in
        // cache, and the update after the loop would wait for them.
        PrefetchTile(c, ldc);

        Vector512<float> c00 = default, c01 = default;
        Vector512<float> c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default;
        Vector512<float> c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default;
        Vector512<float> c70 = default, c71 = default;

        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);

            Vector512<float> a0 = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(a1, b1, c11);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(a2, b1, c21);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(a3, b1, c31);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(a4, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(a4, b1, c41);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(a5, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(a5, b1, c51);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(a6, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(a6, b1, c61);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(a7, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(a7, b1, c71);
            a += 8;
            b += 32;
        }

        Vector512<float> va = Vector512.Create(scale.Alpha);
        Vector512<float> vb = Vector512.Create(scale.Beta);
        bool overwrite = scale.Beta == 0f;
        Update(c + 0 * ldc, c00, c01, va, vb, overwrite);
        Update(c + 1 * ldc, c10, c11, va, vb, overwrite);
        Update(c + 2 * ldc, c20, c21, va, vb, overwrite);
        Update(c + 3 * ldc, c30, c31, va, vb, overwrite);
        Update(c + 4 * ldc, c40, c41, va, vb, overwrite);
        Update(c + 5 * ldc, c50, c51, va, vb, overwrite);
        Update(c + 6 * ldc, c60, c61, va, vb, overwrite);
        Update(c + 7 * ldc, c70, c71, va, vb, overwrite);
    }

    // C = alpha * acc + beta * C as two products and a sum (no FMA), the same operations as
    // the scalar update of edge tiles, so that results do not depend on tile positions.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(
        float* c,
        Vector512<float> acc0,
        Vector512<float> acc1,
        Vector512<float> alpha,
        Vector512<float> beta,
        bool overwrite)
    {
        if (overwrite)
        {
            Vector512.Store(alpha * acc0, c);
            Vector512.Store(alpha * acc1, c + 16);
        }
        else
        {
            Vector512.Store(alpha * acc0 + beta * Vector512.Load(c), c);
            Vector512.Store(alpha * acc1 + beta * Vector512.Load(c + 16), c + 16);
        }
    }

    // Prefetches the first and last float of each of the 8 rows of a tile into L1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchTile(float* c, nint ldc)
    {
        for (int i = 0; i < 8; i++)
        {
            Sse.Prefetch0(c + i * ldc);
            Sse.Prefetch0(c + i * ldc + 31);
        }
    }
}
