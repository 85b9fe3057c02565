using System.Numerics;

namespace NativeGan.Tensors.Normalization;

/// <summary>
/// Vectorized sums and affine maps over one contiguous span that belongs to a single
/// channel, so every element shares the same shift and scale.
/// </summary>
/// <remarks>
/// Sums widen each float to double before adding, in a fixed order that depends only on
/// the span length and the vector width, so results do not vary with array alignment.
/// The element maps use separate multiply and add (no fused multiply-add), so vector lanes
/// and the scalar tail round the same way.
/// </remarks>
internal static class SpanMoments
{
    /// <summary>Returns the sum of <paramref name="x"/>, accumulated in double.</summary>
    public static double Sum(ReadOnlySpan<float> x)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            Vector<double> low = Vector<double>.Zero;
            Vector<double> high = Vector<double>.Zero;
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(x[i..]), out var lowPart, out var highPart);
                low += lowPart;
                high += highPart;
            }

            sum = Vector.Sum(low + high);
        }

        for (; i < x.Length; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    /// <summary>
    /// Returns the sums of d and d^2 for d = x - shift, with d rounded to float first and
    /// the sums accumulated in double.
    /// </summary>
    public static (double Sum, double SumOfSquares) CenteredSums(
        ReadOnlySpan<float> x, float shift)
    {
        int i = 0;
        double sum = 0;
        double squares = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var shifts = new Vector<float>(shift);
            Vector<double> sumVector = Vector<double>.Zero;
            Vector<double> squareVector = Vector<double>.Zero;
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(x[i..]) - shifts, out var low, out var high);
                sumVector += low + high;
                squareVector += low * low + high * high;
            }

            sum = Vector.Sum(sumVector);
            squares = Vector.Sum(squareVector);
        }

        for (; i < x.Length; i++)
        {
            double d = x[i] - shift;
            sum += d;
            squares += d * d;
        }

        return (sum, squares);
    }

    /// <summary>
    /// Returns the sums of dY and dY * d for d = x - shift (d rounded to float first),
    /// accumulated in double. The spans have equal lengths.
    /// </summary>
    public static (double SumDy, double SumDyCentered) GradientSums(
        ReadOnlySpan<float> x, ReadOnlySpan<float> dY, float shift)
    {
        int i = 0;
        double sumDy = 0;
        double sumDyCentered = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var shifts = new Vector<float>(shift);
            Vector<double> dyVector = Vector<double>.Zero;
            Vector<double> productVector = Vector<double>.Zero;
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(x[i..]) - shifts, out var dLow, out var dHigh);
                Vector.Widen(new Vector<float>(dY[i..]), out var gLow, out var gHigh);
                dyVector += gLow + gHigh;
                productVector += gLow * dLow + gHigh * dHigh;
            }

            sumDy = Vector.Sum(dyVector);
            sumDyCentered = Vector.Sum(productVector);
        }

        for (; i < x.Length; i++)
        {
            double d = x[i] - shift;
            sumDy += dY[i];
            sumDyCentered += (double)dY[i] * d;
        }

        return (sumDy, sumDyCentered);
    }

    /// <summary>Computes y = (x - shift) * scale + offset. x and y may be the same span.</summary>
    public static void Affine(
        ReadOnlySpan<float> x, float shift, float scale, float offset, Span<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var shifts = new Vector<float>(shift);
            var scales = new Vector<float>(scale);
            var offsets = new Vector<float>(offset);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                ((new Vector<float>(x[i..]) - shifts) * scales + offsets).CopyTo(y[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = (x[i] - shift) * scale + offset;
        }
    }

    /// <summary>
    /// Computes dX = dY * dyScale + (x - shift) * centeredScale + offset, the batch-norm
    /// input gradient with its per-channel constants folded in.
    /// </summary>
    public static void Gradient(
        ReadOnlySpan<float> x, ReadOnlySpan<float> dY, float shift,
        float dyScale, float centeredScale, float offset, Span<float> dX)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var shifts = new Vector<float>(shift);
            var dyScales = new Vector<float>(dyScale);
            var centeredScales = new Vector<float>(centeredScale);
            var offsets = new Vector<float>(offset);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var centered = new Vector<float>(x[i..]) - shifts;
                var gradient = new Vector<float>(dY[i..]) * dyScales +
                    centered * centeredScales + offsets;
                gradient.CopyTo(dX[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            dX[i] = dY[i] * dyScale + (x[i] - shift) * centeredScale + offset;
        }
    }
}
