namespace NativeGan.Tensors.Tests.Convolution;

/// <summary>
/// Naive float64 convolutions written from the definitions with direct loops, independent
/// of the library's geometry and kernels, to serve as test oracles. Each result comes with
/// the sum of the magnitudes of its terms, which bounds the float32 rounding error.
/// </summary>
internal static class ConvReference
{
    /// <summary>Value and sum of |term| of each element of a reference result.</summary>
    public sealed record Result(double[] Value, double[] Magnitude);

    /// <summary>
    /// Conv2d: y[n, co, oh, ow] = sum over ci, i, j of x[n, ci, ih, iw] w[co, ci, i, j] + b[co].
    /// </summary>
    public static Result Conv2dForward(ConvCase c, Tensor x, Tensor w, Tensor? bias)
    {
        (int oh, int ow) = c.ConvOutput;
        var result = NewResult(c.Batch * c.OutChannels * oh * ow);
        AddBias(result, bias, c.Batch, c.OutChannels, oh * ow);
        ForEachTap(c, c.InChannels, c.OutChannels, c.Height, c.Width, oh, ow,
            (n, ci, co, i, j, big, small) =>
            {
                double term = (double)x.Data[Index(n, ci, big, c.InChannels, c.Height * c.Width)] *
                    w.Data[((co * c.InChannels + ci) * c.Kernel.Height + i) * c.Kernel.Width + j];
                Add(result, Index(n, co, small, c.OutChannels, oh * ow), term);
            });
        return result;
    }

    /// <summary>
    /// Conv2d input gradient: dx[n, ci, ih, iw] = sum of dy[n, co, oh, ow] w[co, ci, i, j].
    /// </summary>
    public static Result Conv2dBackwardInput(ConvCase c, Tensor dY, Tensor w)
    {
        (int oh, int ow) = c.ConvOutput;
        var result = NewResult(c.Batch * c.InChannels * c.Height * c.Width);
        ForEachTap(c, c.InChannels, c.OutChannels, c.Height, c.Width, oh, ow,
            (n, ci, co, i, j, big, small) =>
            {
                double term = (double)dY.Data[Index(n, co, small, c.OutChannels, oh * ow)] *
                    w.Data[((co * c.InChannels + ci) * c.Kernel.Height + i) * c.Kernel.Width + j];
                Add(result, Index(n, ci, big, c.InChannels, c.Height * c.Width), term);
            });
        return result;
    }

    /// <summary>
    /// Conv2d weight gradient: dw[co, ci, i, j] = sum of x[n, ci, ih, iw] dy[n, co, oh, ow].
    /// </summary>
    public static Result Conv2dBackwardWeight(ConvCase c, Tensor x, Tensor dY)
    {
        (int oh, int ow) = c.ConvOutput;
        var result = NewResult(c.OutChannels * c.InChannels * c.Kernel.Height * c.Kernel.Width);
        ForEachTap(c, c.InChannels, c.OutChannels, c.Height, c.Width, oh, ow,
            (n, ci, co, i, j, big, small) =>
            {
                double term = (double)x.Data[Index(n, ci, big, c.InChannels, c.Height * c.Width)] *
                    dY.Data[Index(n, co, small, c.OutChannels, oh * ow)];
                Add(result, ((co * c.InChannels + ci) * c.Kernel.Height + i) * c.Kernel.Width + j,
                    term);
            });
        return result;
    }

    /// <summary>
    /// ConvTranspose2d: every input pixel x[n, ci, h, w] adds x w[ci, co, i, j] to output
    /// pixel (h sh - ph + i dh, w sw - pw + j dw) of channel co, plus b[co].
    /// </summary>
    public static Result ConvTranspose2dForward(ConvCase c, Tensor x, Tensor w, Tensor? bias)
    {
        (int oh, int ow) = c.TransposedOutput;
        var result = NewResult(c.Batch * c.OutChannels * oh * ow);
        AddBias(result, bias, c.Batch, c.OutChannels, oh * ow);
        ForEachTap(c, c.OutChannels, c.InChannels, oh, ow, c.Height, c.Width,
            (n, co, ci, i, j, big, small) =>
            {
                double term =
                    (double)x.Data[Index(n, ci, small, c.InChannels, c.Height * c.Width)] *
                    w.Data[((ci * c.OutChannels + co) * c.Kernel.Height + i) * c.Kernel.Width + j];
                Add(result, Index(n, co, big, c.OutChannels, oh * ow), term);
            });
        return result;
    }

    /// <summary>
    /// ConvTranspose2d input gradient: dx[n, ci, h, w] = sum of dy at its output pixels times w.
    /// </summary>
    public static Result ConvTranspose2dBackwardInput(ConvCase c, Tensor dY, Tensor w)
    {
        (int oh, int ow) = c.TransposedOutput;
        var result = NewResult(c.Batch * c.InChannels * c.Height * c.Width);
        ForEachTap(c, c.OutChannels, c.InChannels, oh, ow, c.Height, c.Width,
            (n, co, ci, i, j, big, small) =>
            {
                double term = (double)dY.Data[Index(n, co, big, c.OutChannels, oh * ow)] *
                    w.Data[((ci * c.OutChannels + co) * c.Kernel.Height + i) * c.Kernel.Width + j];
                Add(result, Index(n, ci, small, c.InChannels, c.Height * c.Width), term);
            });
        return result;
    }

    /// <summary>
    /// ConvTranspose2d weight gradient: dw[ci, co, i, j] = sum of x[n, ci, h, w] dy at the output
    /// pixels it reaches.
    /// </summary>
    public static Result ConvTranspose2dBackwardWeight(ConvCase c, Tensor x, Tensor dY)
    {
        (int oh, int ow) = c.TransposedOutput;
        var result = NewResult(c.InChannels * c.OutChannels * c.Kernel.Height * c.Kernel.Width);
        ForEachTap(c, c.OutChannels, c.InChannels, oh, ow, c.Height, c.Width,
            (n, co, ci, i, j, big, small) =>
            {
                double term =
                    (double)x.Data[Index(n, ci, small, c.InChannels, c.Height * c.Width)] *
                    dY.Data[Index(n, co, big, c.OutChannels, oh * ow)];
                Add(result, ((ci * c.OutChannels + co) * c.Kernel.Height + i) * c.Kernel.Width + j,
                    term);
            });
        return result;
    }

    /// <summary>Bias gradient: db[c] = sum over samples and pixels of dy[n, c, pixel].</summary>
    public static Result BiasGradient(Tensor dY)
    {
        int batch = dY.Shape[0], channels = dY.Shape[1], plane = dY.Shape[2] * dY.Shape[3];
        var result = NewResult(channels);
        for (int n = 0; n < batch; n++)
        {
            for (int ch = 0; ch < channels; ch++)
            {
                for (int p = 0; p < plane; p++)
                {
                    Add(result, ch, dY.Data[Index(n, ch, p, channels, plane)]);
                }
            }
        }

        return result;
    }

    // Visits every (sample, big channel, small channel, tap) whose big pixel
    // (sh - ph + i dh, sw - pw + j dw) lies inside the big image. Pixels are passed as flat
    // indices. The big image is the Conv2d input or the ConvTranspose2d output, and the
    // small one the Conv2d output or the ConvTranspose2d input.
    private static void ForEachTap(
        ConvCase c, int bigChannels, int smallChannels, int bigHeight, int bigWidth,
        int smallHeight, int smallWidth, Action<int, int, int, int, int, int, int> visit)
    {
        for (int n = 0; n < c.Batch; n++)
        {
            for (int bc = 0; bc < bigChannels; bc++)
            {
                for (int sc = 0; sc < smallChannels; sc++)
                {
                    for (int sh = 0; sh < smallHeight; sh++)
                    {
                        for (int sw = 0; sw < smallWidth; sw++)
                        {
                            for (int i = 0; i < c.Kernel.Height; i++)
                            {
                                int bh = sh * c.Stride.Height - c.Padding.Height +
                                    i * c.Dilation.Height;
                                if (bh < 0 || bh >= bigHeight)
                                {
                                    continue;
                                }

                                for (int j = 0; j < c.Kernel.Width; j++)
                                {
                                    int bw = sw * c.Stride.Width - c.Padding.Width +
                                        j * c.Dilation.Width;
                                    if (bw < 0 || bw >= bigWidth)
                                    {
                                        continue;
                                    }

                                    int big = bh * bigWidth + bw;
                                    visit(n, bc, sc, i, j, big, sh * smallWidth + sw);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static Result NewResult(int length) => new(new double[length], new double[length]);

    private static void AddBias(Result result, Tensor? bias, int batch, int channels, int plane)
    {
        if (bias is null)
        {
            return;
        }

        for (int n = 0; n < batch; n++)
        {
            for (int ch = 0; ch < channels; ch++)
            {
                for (int p = 0; p < plane; p++)
                {
                    Add(result, Index(n, ch, p, channels, plane), bias.Data[ch]);
                }
            }
        }
    }

    private static void Add(Result result, int index, double term)
    {
        result.Value[index] += term;
        result.Magnitude[index] += Math.Abs(term);
    }

    private static int Index(int n, int channel, int pixel, int channels, int plane) =>
        (n * channels + channel) * plane + pixel;
}
