using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NativeGan.Tensors.Kernels;

/// <summary>
/// AVX2/FMA microkernel: a 6 x 16 tile of C held in 12 Vector256 accumulators, updated by
/// one broadcast of op(A) and two loads of op(B) per row and step of k.
/// </summary>
/// <remarks>
/// 12 accumulators, 2 values of op(B) and 1 broadcast fill 15 of the 16 registers that AVX2
/// has, the usual register blocking for AVX2 SGEMM (as in BLIS's Haswell kernel). The
/// KC x MR micro-panel of op(A) (6 KiB) stays in L1. The KC x NC block of op(B) (256 KiB) is
/// read from L2, and the MC x KC block of op(A) (768 KiB) from L2 or L3.
/// </remarks>
internal readonly unsafe struct Vector256FmaMicrokernel : IGemmMicrokernel
{
    public static int Mr => 6;

    public static int Nr => 16;

    public static int Kc => 256;

    public static int Mc => 768;

    public static int Nc => 256;

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

        Vector256<float> c00 = default, c01 = default;
        Vector256<float> c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default;
        Vector256<float> c50 = default, c51 = default;

        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);

            Vector256<float> a0 = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(a0, b0, c00);
            c01 = Fma.MultiplyAdd(a0, b1, c01);
            Vector256<float> a1 = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(a1, b0, c10);
            c11 = Fma.MultiplyAdd(a1, b1, c11);
            Vector256<float> a2 = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(a2, b0, c20);
            c21 = Fma.MultiplyAdd(a2, b1, c21);
            Vector256<float> a3 = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(a3, b0, c30);
            c31 = Fma.MultiplyAdd(a3, b1, c31);
            Vector256<float> a4 = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(a4, b0, c40);
            c41 = Fma.MultiplyAdd(a4, b1, c41);
            Vector256<float> a5 = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(a5, b0, c50);
            c51 = Fma.MultiplyAdd(a5, b1, c51);
            a += 6;
            b += 16;
        }

        Vector256<float> va = Vector256.Create(scale.Alpha);
        Vector256<float> vb = Vector256.Create(scale.Beta);
        bool overwrite = scale.Beta == 0f;
        Update(c + 0 * ldc, c00, c01, va, vb, overwrite);
        Update(c + 1 * ldc, c10, c11, va, vb, overwrite);
        Update(c + 2 * ldc, c20, c21, va, vb, overwrite);
        Update(c + 3 * ldc, c30, c31, va, vb, overwrite);
        Update(c + 4 * ldc, c40, c41, va, vb, overwrite);
        Update(c + 5 * ldc, c50, c51, va, vb, overwrite);
    }

    // C = alpha * acc + beta * C as two products and a sum (no FMA), the same operations as
    // the scalar update of edge tiles, so that results do not depend on tile positions.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(
        float* c,
        Vector256<float> acc0,
        Vector256<float> acc1,
        Vector256<float> alpha,
        Vector256<float> beta,
        bool overwrite)
    {
        if (overwrite)
        {
            Vector256.Store(alpha * acc0, c);
            Vector256.Store(alpha * acc1, c + 8);
        }
        else
        {
            Vector256.Store(alpha * acc0 + beta * Vector256.Load(c), c);
            Vector256.Store(alpha * acc1 + beta * Vector256.Load(c + 8), c + 8);
        }
    }

    // Prefetches the first and last float of each of the 6 rows of a tile into L1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchTile(float* c, nint ldc)
    {
        for (int i = 0; i < 6; i++)
        {
            Sse.Prefetch0(c + i * ldc);
            Sse.Prefetch0(c + i * ldc + 15);
        }
    }
}
