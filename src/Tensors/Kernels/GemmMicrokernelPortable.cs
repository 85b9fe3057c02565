using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NativeGan.Tensors.Kernels;

/// <summary>
/// Portable microkernel on <see cref="Vector{T}"/>: a 4 x (2 * Vector&lt;float&gt;.Count)
/// tile of C in 8 accumulators, for machines without AVX2/FMA (for example Arm64).
/// </summary>
/// <remarks>
/// 8 accumulators plus 3 operands fit the 16 vector registers of x64 without AVX-512, and
/// Arm64 has 32. <see cref="Vector.MultiplyAddEstimate(Vector{float}, Vector{float},
/// Vector{float})"/> is fused where the hardware has FMA and a multiply and an add where
/// it has not, so results may differ between machines but not between runs or thread
/// counts on one machine.
/// </remarks>
internal readonly unsafe struct PortableMicrokernel : IGemmMicrokernel
{
    public static int Mr => 4;

    public static int Nr => 2 * Vector<float>.Count;

    public static int Kc => 256;

    public static int Mc => 512;

    // A multiple of NR for every Vector<float> width up to 512 bits.
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
        int lanes = Vector<float>.Count;
        // Start loading the C tile now, because its rows are ldc apart and usually not in
        // cache, and the update after the loop would wait for them.
        PrefetchTile(c, ldc, 2 * lanes - 1);

        Vector<float> c00 = default, c01 = default;
        Vector<float> c10 = default, c11 = default;
        Vector<float> c20 = default, c21 = default;
        Vector<float> c30 = default, c31 = default;

        for (int p = 0; p < kc; p++)
        {
            Vector<float> b0 = Vector.Load(b);
            Vector<float> b1 = Vector.Load(b + lanes);

            Vector<float> a0 = new(a[0]);
            c00 = Vector.MultiplyAddEstimate(a0, b0, c00);
            c01 = Vector.MultiplyAddEstimate(a0, b1, c01);
            Vector<float> a1 = new(a[1]);
            c10 = Vector.MultiplyAddEstimate(a1, b0, c10);
            c11 = Vector.MultiplyAddEstimate(a1, b1, c11);
            Vector<float> a2 = new(a[2]);
            c20 = Vector.MultiplyAddEstimate(a2, b0, c20);
            c21 = Vector.MultiplyAddEstimate(a2, b1, c21);
            Vector<float> a3 = new(a[3]);
            c30 = Vector.MultiplyAddEstimate(a3, b0, c30);
            c31 = Vector.MultiplyAddEstimate(a3, b1, c31);
            a += 4;
            b += 2 * lanes;
        }

        Vector<float> va = new(scale.Alpha);
        Vector<float> vb = new(scale.Beta);
        bool overwrite = scale.Beta == 0f;
        Update(c + 0 * ldc, c00, c01, va, vb, overwrite);
        Update(c + 1 * ldc, c10, c11, va, vb, overwrite);
        Update(c + 2 * ldc, c20, c21, va, vb, overwrite);
        Update(c + 3 * ldc, c30, c31, va, vb, overwrite);
    }

    // C = alpha * acc + beta * C as two products and a sum (no FMA), the same operations as
    // the scalar update of edge tiles, so that results do not depend on tile positions.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(
        float* c,
        Vector<float> acc0,
        Vector<float> acc1,
        Vector<float> alpha,
        Vector<float> beta,
        bool overwrite)
    {
        float* c1 = c + Vector<float>.Count;
        if (overwrite)
        {
            Vector.Store(alpha * acc0, c);
            Vector.Store(alpha * acc1, c1);
        }
        else
        {
            Vector.Store(alpha * acc0 + beta * Vector.Load(c), c);
            Vector.Store(alpha * acc1 + beta * Vector.Load(c1), c1);
        }
    }

    // Prefetches the first and last float of each of the 4 rows of a tile into L1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchTile(float* c, nint ldc, int last)
    {
        if (Sse.IsSupported)
        {
            for (int i = 0; i < 4; i++)
            {
                Sse.Prefetch0(c + i * ldc);
                Sse.Prefetch0(c + i * ldc + last);
            }
        }
    }
}
