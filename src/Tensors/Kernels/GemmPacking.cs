using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NativeGan.Tensors.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous micro-panels that the microkernels
/// read, handling transposed operands on the way.
/// </summary>
/// <remarks>
/// A micro-panel of width w and depth kc holds element (p, i) at p * w + i, so that the
/// microkernel reads it front to back. Both operands reduce to two cases: the source
/// already has p as its outer index (op(A) transposed, op(B) not transposed), which is a
/// row-by-row copy, or p is the inner, contiguous index, which is a transpose.
/// </remarks>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs rows [row0, row0 + rows) and depth [p0, p0 + kc) of op(A) into one micro-panel
    /// of width <paramref name="mr"/>; rows past <paramref name="rows"/> are zero.
    /// </summary>
    public static void PackA(
        in GemmOperands op, int row0, int rows, int p0, int kc, int mr, float* dst)
    {
        if (op.TransA)
        {
            PackCopy(op.A + p0 * op.Lda + row0, op.Lda, kc, rows, mr, dst);
        }
        else
        {
            PackTranspose(op.A + row0 * op.Lda + p0, op.Lda, kc, rows, mr, dst);
        }
    }

    /// <summary>
    /// Packs depth [p0, p0 + kc) and columns [col0, col0 + cols) of op(B) into
    /// ceil(cols / nr) micro-panels of kc x <paramref name="nr"/> floats, one after the
    /// other; columns past <paramref name="cols"/> in the last panel are zero.
    /// </summary>
    public static void PackB(
        in GemmOperands op, int p0, int kc, int col0, int cols, int nr, float* dst)
    {
        for (int j = 0; j < cols; j += nr)
        {
            int width = Math.Min(nr, cols - j);
            float* panel = dst + (nint)j * kc;
            if (op.TransB)
            {
                PackTranspose(op.B + (col0 + j) * op.Ldb + p0, op.Ldb, kc, width, nr, panel);
            }
            else
            {
                PackCopy(op.B + p0 * op.Ldb + col0 + j, op.Ldb, kc, width, nr, panel);
            }
        }
    }

    // Source element (p, i) is at src[p * ld + i]: each step of p copies one row of width
    // floats.
    private static void PackCopy(float* src, nint ld, int kc, int width, int panel, float* dst)
    {
        for (int p = 0; p < kc; p++)
        {
            CopyRow(src + p * ld, dst + (nint)p * panel, width, panel);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(float* src, float* dst, int width, int panel)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= width; i += 8)
            {
                Vector256.Store(Vector256.Load(src + i), dst + i);
            }
        }

        for (; i + 4 <= width; i += 4)
        {
            Vector128.Store(Vector128.Load(src + i), dst + i);
        }

        for (; i < width; i++)
        {
            dst[i] = src[i];
        }

        for (; i < panel; i++)
        {
            dst[i] = 0f;
        }
    }

    // Source element (p, i) is at src[i * ld + p]. Full 8 x 8 blocks are transposed in
    // registers where AVX is available, the rest element by element.
    private static void PackTranspose(
        float* src, nint ld, int kc, int width, int panel, float* dst)
    {
        int i = 0;
        if (Avx.IsSupported)
        {
            int kcFull = kc & ~7;
            for (; i + 8 <= width; i += 8)
            {
                for (int p = 0; p < kcFull; p += 8)
                {
                    Transpose8x8(src + i * ld + p, ld, dst + (nint)p * panel + i, panel);
                }

                for (int r = i; r < i + 8; r++)
                {
                    float* row = src + r * ld;
                    for (int p = kcFull; p < kc; p++)
                    {
                        dst[(nint)p * panel + r] = row[p];
                    }
                }
            }
        }

        for (; i < width; i++)
        {
            float* row = src + i * ld;
            for (int p = 0; p < kc; p++)
            {
                dst[(nint)p * panel + i] = row[p];
            }
        }

        for (; i < panel; i++)
        {
            for (int p = 0; p < kc; p++)
            {
                dst[(nint)p * panel + i] = 0f;
            }
        }
    }

    // Writes the transpose of the 8 x 8 block at src (rows ld apart) to dst (rows ldDst
    // apart) with the usual unpack, shuffle and lane-permute sequence of AVX.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint ld, float* dst, nint ldDst)
    {
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + ld);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * ld);
        Vector256<float> r3 = Avx.LoadVector256(src + 3 * ld);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * ld);
        Vector256<float> r5 = Avx.LoadVector256(src + 5 * ld);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * ld);
        Vector256<float> r7 = Avx.LoadVector256(src + 7 * ld);

        // Interleave pairs of rows: t0 = (a0 b0 a1 b1 | a4 b4 a5 b5), t1 = (a2 b2 a3 b3 | ...).
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
}
