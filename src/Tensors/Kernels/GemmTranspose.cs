using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NativeGan.Tensors.Kernels;

/// <summary>
/// In-register transposes of small float blocks for <see cref="GemmPacking"/>: the usual
/// unpack and shuffle sequences of SSE and AVX. Callers check Sse.IsSupported or
/// Avx.IsSupported first.
/// </summary>
internal static unsafe class GemmTranspose
{
    /// <summary>
    /// Writes the transpose of the 8 x 8 block at <paramref name="src"/> (rows
    /// <paramref name="ld"/> floats apart) to <paramref name="dst"/> (rows
    /// <paramref name="ldDst"/> apart). Requires AVX.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose8x8(float* src, nint ld, float* dst, nint ldDst)
    {
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + ld);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * ld);
        Vector256<float> r3 = Avx.LoadVector256(src + 3 * ld);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * ld);
        Vector256<float> r5 = Avx.LoadVector256(src + 5 * ld);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * ld);
        Vector256<float> r7 = Avx.LoadVector256(src + 7 * ld);

        // Interleave pairs of rows a..h: t0 = (a0 b0 a1 b1 | a4 b4 a5 b5), and so on.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1);
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5);
        Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7);
        Vector256<float> t7 = Avx.UnpackHigh(r6, r7);

        // Gather four rows per column: s0 = (a0 b0 c0 d0 | a4 b4 c4 d4), and so on.
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44);
        Vector256<float> s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44);
        Vector256<float> s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44);
        Vector256<float> s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> s7 = Avx.Shuffle(t5, t7, 0xEE);

        // Join the 128-bit halves of rows a-d and e-h into whole columns.
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + ldDst, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * ldDst, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * ldDst, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * ldDst, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * ldDst, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * ldDst, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * ldDst, Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>
    /// Writes the transpose of the 4 x 4 block at <paramref name="src"/> (rows
    /// <paramref name="ld"/> floats apart) to <paramref name="dst"/> (rows
    /// <paramref name="ldDst"/> apart). Requires SSE.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose4x4(float* src, nint ld, float* dst, nint ldDst)
    {
        Vector128<float> r0 = Sse.LoadVector128(src);
        Vector128<float> r1 = Sse.LoadVector128(src + ld);
        Vector128<float> r2 = Sse.LoadVector128(src + 2 * ld);
        Vector128<float> r3 = Sse.LoadVector128(src + 3 * ld);

        // t0 = (a0 b0 a1 b1), t1 = (a2 b2 a3 b3), t2 = (c0 d0 c1 d1), t3 = (c2 d2 c3 d3).
        Vector128<float> t0 = Sse.UnpackLow(r0, r1);
        Vector128<float> t1 = Sse.UnpackHigh(r0, r1);
        Vector128<float> t2 = Sse.UnpackLow(r2, r3);
        Vector128<float> t3 = Sse.UnpackHigh(r2, r3);

        // MoveLowToHigh(x, y) = (x0 x1 y0 y1) and MoveHighToLow(x, y) = (y2 y3 x2 x3).
        Sse.Store(dst, Sse.MoveLowToHigh(t0, t2));
        Sse.Store(dst + ldDst, Sse.MoveHighToLow(t2, t0));
        Sse.Store(dst + 2 * ldDst, Sse.MoveLowToHigh(t1, t3));
        Sse.Store(dst + 3 * ldDst, Sse.MoveHighToLow(t3, t1));
    }
}
