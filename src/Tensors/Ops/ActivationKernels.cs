using System.Numerics;

namespace NativeGan.Tensors;

/// <summary>
/// Vectorized activation kernels without branches per element, whose signs are random in a
/// network and would defeat the branch predictor. Spans must have equal lengths.
/// </summary>
public static class ActivationKernels
{
    /// <summary>y = x for x &gt; 0, else slope * x. x and y may be the same span.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> y)
    {
        CheckLengths(x.Length, y.Length, nameof(LeakyRelu));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var slopes = new Vector<float>(slope);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var value = new Vector<float>(x[i..]);
                Vector.ConditionalSelect(
                    Vector.GreaterThan(value, Vector<float>.Zero), value, value * slopes)
                    .CopyTo(y[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = x[i] > 0f ? x[i] : slope * x[i];
        }
    }

    /// <summary>dX = dY where x &gt; 0, else slope * dY; the gradient of <see cref="LeakyRelu"/>.</summary>
    public static void LeakyReluBackward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> dY, float slope, Span<float> dX)
    {
        CheckLengths(x.Length, dY.Length, nameof(LeakyReluBackward));
        CheckLengths(x.Length, dX.Length, nameof(LeakyReluBackward));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var slopes = new Vector<float>(slope);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var gradient = new Vector<float>(dY[i..]);
                Vector.ConditionalSelect(
                    Vector.GreaterThan(new Vector<float>(x[i..]), Vector<float>.Zero),
                    gradient,
                    gradient * slopes)
                    .CopyTo(dX[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            dX[i] = x[i] > 0f ? dY[i] : slope * dY[i];
        }
    }

    /// <summary>dX = dY where x &gt; 0, else 0; the gradient of max(x, 0), exact for infinite dY.</summary>
    public static void ReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dY, Span<float> dX)
    {
        CheckLengths(x.Length, dY.Length, nameof(ReluBackward));
        CheckLengths(x.Length, dX.Length, nameof(ReluBackward));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.ConditionalSelect(
                    Vector.GreaterThan(new Vector<float>(x[i..]), Vector<float>.Zero),
                    new Vector<float>(dY[i..]),
                    Vector<float>.Zero)
                    .CopyTo(dX[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            dX[i] = x[i] > 0f ? dY[i] : 0f;
        }
    }

    private static void CheckLengths(int expected, int actual, string op)
    {
        if (expected != actual)
        {
            throw new ArgumentException(
                $"{op}: spans have {expected} and {actual} elements; they must be equal.");
        }
    }
}
