using System.Numerics;

namespace NativeGan.Nn;

/// <summary>
/// One fused pass of the Adam update over a parameter, so that p, g, m and v are read once
/// per step instead of once per arithmetic operation.
/// </summary>
public static class AdamKernel
{
    /// <summary>
    /// Updates p, m and v in place:
    /// g' = g + weightDecay p; m = b1 m + (1 - b1) g'; v = b2 v + (1 - b2) g'^2;
    /// p -= stepSize m / (sqrt(v) / biasCorrection2Sqrt + eps).
    /// All spans have the length of p.
    /// </summary>
    public static void Update(
        Span<float> p,
        ReadOnlySpan<float> g,
        Span<float> m,
        Span<float> v,
        float beta1,
        float beta2,
        float stepSize,
        float biasCorrection2Sqrt,
        float epsilon,
        float weightDecay)
    {
        if (g.Length != p.Length || m.Length != p.Length || v.Length != p.Length)
        {
            throw new ArgumentException(
                $"Adam update: parameter has {p.Length} values but gradient {g.Length}, " +
                $"first moment {m.Length} and second moment {v.Length}.");
        }

        float inverseCorrection = 1f / biasCorrection2Sqrt;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            var b1 = new Vector<float>(beta1);
            var oneMinusB1 = new Vector<float>(1f - beta1);
            var b2 = new Vector<float>(beta2);
            var oneMinusB2 = new Vector<float>(1f - beta2);
            var step = new Vector<float>(stepSize);
            var correction = new Vector<float>(inverseCorrection);
            var eps = new Vector<float>(epsilon);
            var decay = new Vector<float>(weightDecay);
            for (; i <= p.Length - width; i += width)
            {
                var parameter = new Vector<float>(p[i..]);
                var gradient = new Vector<float>(g[i..]) + decay * parameter;
                var first = b1 * new Vector<float>(m[i..]) + oneMinusB1 * gradient;
                var second = b2 * new Vector<float>(v[i..]) + oneMinusB2 * gradient * gradient;
                var denominator = Vector.SquareRoot(second) * correction + eps;
                (parameter - step * first / denominator).CopyTo(p[i..]);
                first.CopyTo(m[i..]);
                second.CopyTo(v[i..]);
            }
        }

        for (; i < p.Length; i++)
        {
            float gradient = g[i] + weightDecay * p[i];
            m[i] = beta1 * m[i] + (1f - beta1) * gradient;
            v[i] = beta2 * v[i] + (1f - beta2) * gradient * gradient;
            p[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) * inverseCorrection + epsilon);
        }
    }
}
