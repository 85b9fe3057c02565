using NativeGan.Tensors.Pooling;

namespace NativeGan.Tensors.Tests.Pooling;

/// <summary>
/// Naive float64 pooling over (N, C, H, W) data: every window tap is visited and tested
/// against the input bounds, with no range arithmetic, as the oracle for the kernels.
/// </summary>
internal static class PoolReference
{
    /// <summary>
    /// Returns the maximum of each window and its flat index h * W + w in the plane, the
    /// first on ties; -infinity and -1 when no tap is inside the input.
    /// </summary>
    public static (double[] Values, int[] Indices) MaxPool(
        float[] x, int planes, int height, int width, int outHeight, int outWidth,
        Pool2dOptions options)
    {
        var values = new double[planes * outHeight * outWidth];
        var indices = new int[values.Length];
        for (int p = 0; p < planes; p++)
        {
            for (int oh = 0; oh < outHeight; oh++)
            {
                for (int ow = 0; ow < outWidth; ow++)
                {
                    double best = double.NegativeInfinity;
                    int bestIndex = -1;
                    foreach (var (h, w) in Taps(options, oh, ow))
                    {
                        if (h < 0 || h >= height || w < 0 || w >= width)
                        {
                            continue;
                        }

                        double value = x[(p * height + h) * width + w];
                        if (bestIndex < 0 || value > best)
                        {
                            best = value;
                            bestIndex = h * width + w;
                        }
                    }

                    int o = (p * outHeight + oh) * outWidth + ow;
                    values[o] = best;
                    indices[o] = bestIndex;
                }
            }
        }

        return (values, indices);
    }

    /// <summary>
    /// Returns the average of each window. The divisor counts the taps inside the padded
    /// input [-p, H + p) x [-p, W + p) with countIncludePad, else the taps inside the input.
    /// </summary>
    public static double[] AvgPool(
        float[] x, int planes, int height, int width, int outHeight, int outWidth,
        Pool2dOptions options, bool countIncludePad)
    {
        var y = new double[planes * outHeight * outWidth];
        for (int p = 0; p < planes; p++)
        {
            for (int oh = 0; oh < outHeight; oh++)
            {
                for (int ow = 0; ow < outWidth; ow++)
                {
                    var (sum, divisor) = (0.0, 0);
                    foreach (var (h, w) in Taps(options, oh, ow))
                    {
                        bool inside = h >= 0 && h < height && w >= 0 && w < width;
                        if (inside)
                        {
                            sum += x[(p * height + h) * width + w];
                        }

                        if (inside || countIncludePad && InPadded(options, h, w, height, width))
                        {
                            divisor++;
                        }
                    }

                    y[(p * outHeight + oh) * outWidth + ow] = divisor == 0 ? 0 : sum / divisor;
                }
            }
        }

        return y;
    }

    /// <summary>
    /// Returns the average-pooling input gradient: each output gradient divided by its
    /// divisor, added to every input element of its window.
    /// </summary>
    public static double[] AvgPoolBackward(
        float[] dY, int planes, int height, int width, int outHeight, int outWidth,
        Pool2dOptions options, bool countIncludePad)
    {
        var dX = new double[planes * height * width];
        for (int p = 0; p < planes; p++)
        {
            for (int oh = 0; oh < outHeight; oh++)
            {
                for (int ow = 0; ow < outWidth; ow++)
                {
                    var inside = Taps(options, oh, ow)
                        .Where(t => t.H >= 0 && t.H < height && t.W >= 0 && t.W < width)
                        .ToList();
                    int divisor = countIncludePad
                        ? Taps(options, oh, ow)
                            .Count(t => InPadded(options, t.H, t.W, height, width))
                        : inside.Count;
                    double gradient = dY[(p * outHeight + oh) * outWidth + ow];
                    foreach (var (h, w) in inside)
                    {
                        dX[(p * height + h) * width + w] += gradient / divisor;
                    }
                }
            }
        }

        return dX;
    }

    private static IEnumerable<(int H, int W)> Taps(Pool2dOptions options, int oh, int ow)
    {
        for (int i = 0; i < options.KernelSize.Height; i++)
        {
            for (int j = 0; j < options.KernelSize.Width; j++)
            {
                yield return (
                    oh * options.Stride.Height - options.Padding.Height +
                        i * options.Dilation.Height,
                    ow * options.Stride.Width - options.Padding.Width + j * options.Dilation.Width);
            }
        }
    }

    private static bool InPadded(Pool2dOptions options, int h, int w, int height, int width) =>
        h >= -options.Padding.Height && h < height + options.Padding.Height &&
        w >= -options.Padding.Width && w < width + options.Padding.Width;
}
