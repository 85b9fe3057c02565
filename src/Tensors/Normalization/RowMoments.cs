using System.Numerics;

namespace NativeGan.Tensors.Normalization;

/// <summary>
/// Vectorized per-column sums and affine maps over one row of an (N, C) matrix whose
/// columns are channels, so element j uses the shift and scales of channel j.
/// </summary>
/// <remarks>
/// Each column's arithmetic is the same in a vector lane and in the scalar tail (floats
/// widened to double before adding, no fused multiply-add), so results do not depend on
/// where a column range starts. All spans of one call have the row's length.
/// </remarks>
internal static class RowMoments
{
    private static int FloatLanes => Vector<float>.Count;

    private static int DoubleLanes => Vector<double>.Count;

    /// <summary>Adds each element of <paramref name="row"/> to <paramref name="sum"/>.</summary>
    public static void AddRow(ReadOnlySpan<float> row, Span<double> sum)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= row.Length - FloatLanes; j += FloatLanes)
            {
                Vector.Widen(new Vector<float>(row[j..]), out var low, out var high);
                AddTo(sum[j..], low);
                AddTo(sum[(j + DoubleLanes)..], high);
            }
        }

        for (; j < row.Length; j++)
        {
            sum[j] += row[j];
        }
    }

    /// <summary>
    /// Adds d and d^2 to <paramref name="sum"/> and <paramref name="squares"/> for
    /// d = row - shift, with d rounded to float first.
    /// </summary>
    public static void AddCenteredRow(
        ReadOnlySpan<float> row, ReadOnlySpan<float> shift, Span<double> sum,
        Span<double> squares)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= row.Length - FloatLanes; j += FloatLanes)
            {
                var centered = new Vector<float>(row[j..]) - new Vector<float>(shift[j..]);
                Vector.Widen(centered, out var low, out var high);
                AddTo(sum[j..], low);
                AddTo(sum[(j + DoubleLanes)..], high);
                AddTo(squares[j..], low * low);
                AddTo(squares[(j + DoubleLanes)..], high * high);
            }
        }

        for (; j < row.Length; j++)
        {
            double d = row[j] - shift[j];
            sum[j] += d;
            squares[j] += d * d;
        }
    }

    /// <summary>
    /// Adds dY and dY * d to <paramref name="sumDy"/> and <paramref name="sumDyCentered"/>
    /// for d = x - shift, with d rounded to float first.
    /// </summary>
    public static void AddGradientRow(
        ReadOnlySpan<float> x, ReadOnlySpan<float> dY, ReadOnlySpan<float> shift,
        Span<double> sumDy, Span<double> sumDyCentered)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= x.Length - FloatLanes; j += FloatLanes)
            {
                var centered = new Vector<float>(x[j..]) - new Vector<float>(shift[j..]);
                Vector.Widen(centered, out var dLow, out var dHigh);
                Vector.Widen(new Vector<float>(dY[j..]), out var gLow, out var gHigh);
                AddTo(sumDy[j..], gLow);
                AddTo(sumDy[(j + DoubleLanes)..], gHigh);
                AddTo(sumDyCentered[j..], gLow * dLow);
                AddTo(sumDyCentered[(j + DoubleLanes)..], gHigh * dHigh);
            }
        }

        for (; j < x.Length; j++)
        {
            double d = x[j] - shift[j];
            sumDy[j] += dY[j];
            sumDyCentered[j] += (double)dY[j] * d;
        }
    }

    /// <summary>Computes y = (x - shift) * scale + offset, column by column.</summary>
    public static void AffineRow(
        ReadOnlySpan<float> x, ReadOnlySpan<float> shift, ReadOnlySpan<float> scale,
        ReadOnlySpan<float> offset, Span<float> y)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= x.Length - FloatLanes; j += FloatLanes)
            {
                var centered = new Vector<float>(x[j..]) - new Vector<float>(shift[j..]);
                (centered * new Vector<float>(scale[j..]) + new Vector<float>(offset[j..]))
                    .CopyTo(y[j..]);
            }
        }

        for (; j < x.Length; j++)
        {
            y[j] = (x[j] - shift[j]) * scale[j] + offset[j];
        }
    }

    /// <summary>
    /// Computes dX = dY * dyScale + (x - shift) * centeredScale + offset, column by column.
    /// </summary>
    public static void GradientRow(
        ReadOnlySpan<float> x, ReadOnlySpan<float> dY, ReadOnlySpan<float> shift,
        ReadOnlySpan<float> dyScale, ReadOnlySpan<float> centeredScale,
        ReadOnlySpan<float> offset, Span<float> dX)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; j <= x.Length - FloatLanes; j += FloatLanes)
            {
                var centered = new Vector<float>(x[j..]) - new Vector<float>(shift[j..]);
                var gradient = new Vector<float>(dY[j..]) * new Vector<float>(dyScale[j..]) +
                    centered * new Vector<float>(centeredScale[j..]) +
                    new Vector<float>(offset[j..]);
                gradient.CopyTo(dX[j..]);
            }
        }

        for (; j < x.Length; j++)
        {
            dX[j] = dY[j] * dyScale[j] + (x[j] - shift[j]) * centeredScale[j] + offset[j];
        }
    }

    private static void AddTo(Span<double> target, Vector<double> value) =>
        (new Vector<double>(target) + value).CopyTo(target);
}
