using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NativeGan.Tensors.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous micro-panels that the microkernels
/// read, handling transposed operands on the way.
/// </summary>
/// <remarks>
/// A micro-panel of width w and depth kc stores element (p, i) at p * w + i, so that the
/// microkernel reads it front to back. Both operands reduce to two cases: the source
/// already has p as its outer index (op(A) transposed, op(B) not transposed), which is a
/// row-by-row copy, or p is the inner, contiguous index, which is a transpose.
/// </remarks>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs rows [row0, row0 + rows) and depth [p0, p0 + kc) of op(A) into one micro-panel
    /// of width <paramref name="mr"/>. Rows past <paramref name="rows"/> are zero.
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
    /// other. Columns past <paramref name="cols"/> in the last panel are zero.
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

    // Source element (p, i) is at src[p * ld + i], so each step of p copies one row of
    // width floats.
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

    // Source element (p, i) is at src[i * ld + p]. Groups of 8 rows (AVX) and then of 4
    // rows (SSE) are transposed in registers. When 1 to 3 rows remain of a width of at
    // least 4, the last group of 4 overlaps the previous one, whose rows it rewrites with
    // the same values. Narrower panels are transposed element by element.
    private static void PackTranspose(
        float* src, nint ld, int kc, int width, int panel, float* dst)
    {
        int i = 0;
        if (Avx.IsSupported)
        {
            for (; i + 8 <= width; i += 8)
            {
                TransposeRows8(src + i * ld, ld, kc, dst + i, panel);
            }
        }

        if (Sse.IsSupported && width >= 4)
        {
            for (; i + 4 <= width; i += 4)
            {
                TransposeRows4(src + i * ld, ld, kc, dst + i, panel);
            }

            if (i < width)
            {
                i = width - 4;
                TransposeRows4(src + i * ld, ld, kc, dst + i, panel);
                i = width;
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

    // Writes 8 source rows of kc floats as the first 8 columns of kc panel rows.
    private static void TransposeRows8(float* src, nint ld, int kc, float* dst, int panel)
    {
        int p = 0;
        for (; p + 8 <= kc; p += 8)
        {
            GemmTranspose.Transpose8x8(src + p, ld, dst + (nint)p * panel, panel);
        }

        for (; p < kc; p++)
        {
            for (int r = 0; r < 8; r++)
            {
                dst[(nint)p * panel + r] = src[r * ld + p];
            }
        }
    }

    // Writes 4 source rows of kc floats as the first 4 columns of kc panel rows.
    private static void TransposeRows4(float* src, nint ld, int kc, float* dst, int panel)
    {
        int p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            GemmTranspose.Transpose4x4(src + p, ld, dst + (nint)p * panel, panel);
        }

        for (; p < kc; p++)
        {
            for (int r = 0; r < 4; r++)
            {
                dst[(nint)p * panel + r] = src[r * ld + p];
            }
        }
    }
}
