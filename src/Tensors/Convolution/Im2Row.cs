using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NativeGan.Tensors.Convolution;

/// <summary>
/// im2row and row2im for a group of consecutive samples: the copy between NCHW images and
/// the transposed im2col matrix, one row per output pixel, whose GEMM with the weight is the
/// convolution.
/// </summary>
/// <remarks>
/// The matrix has count OutHeight OutWidth rows of
/// K = <see cref="Conv2dGeometry.ReceptiveFieldSize"/> floats: row b OutHeight OutWidth +
/// oh OutWidth + ow for output pixel (oh, ow) of sample b of the group, column
/// (c kh + i) kw + j for input channel c and kernel tap (i, j). Entry (row, column) is input
/// pixel (c, oh sh - ph + i dh, ow sw - pw + j dw), or 0 where that lies in the padding.
/// Rows keep the kw taps of a kernel row together, so with dilation 1 each is one contiguous
/// copy, where the untransposed im2col needs element-by-element gathers for strided layers
/// such as DCGAN's (k4, s2).
/// Every output element is written by one thread in a fixed order, so results do not depend
/// on the number of threads.
/// </remarks>
internal static unsafe class Im2Row
{
    /// <summary>
    /// Fills <paramref name="rows"/> from samples [firstSample, firstSample + count) of
    /// <paramref name="image"/>, of shape <see cref="Conv2dGeometry.InputShape"/>.
    /// </summary>
    public static void Gather(
        in Conv2dGeometry g, float[] image, int firstSample, int count, float[] rows)
    {
        var job = new Job(g, image, firstSample, rows);
        long perItem = (long)g.OutWidth * g.ReceptiveFieldSize;
        ParallelWork.For(count * g.OutHeight, perItem, job, static (job, start, end) =>
        {
            for (int item = start; item < end; item++)
            {
                GatherOutputRow(job, item / job.G.OutHeight, item % job.G.OutHeight);
            }
        });
    }

    /// <summary>
    /// Overwrites samples [firstSample, firstSample + count) of <paramref name="image"/> with
    /// the sums of the entries of <paramref name="rows"/> that map to each pixel (row2im,
    /// the adjoint of <see cref="Gather"/>).
    /// </summary>
    public static void Scatter(
        in Conv2dGeometry g, float[] rows, int firstSample, int count, float[] image)
    {
        var job = new Job(g, image, firstSample, rows);
        long perItem = (long)g.OutPlaneSize * g.Kernel.Height * g.Kernel.Width;
        ParallelWork.For(count * g.InChannels, perItem, job, static (job, start, end) =>
        {
            for (int item = start; item < end; item++)
            {
                ScatterPlane(job, item / job.G.InChannels, item % job.G.InChannels);
            }
        });
    }

    // Writes the rows of output pixels (oh, 0..OutWidth-1) of sample b. The loops run over
    // kernel rows outside channels, so that the channel loop only advances two pointers.
    private static void GatherOutputRow(in Job job, int b, int oh)
    {
        Conv2dGeometry g = job.G;
        int height = g.InHeight, width = g.InWidth, kh = g.Kernel.Height, kw = g.Kernel.Width;
        int dilationW = g.Dilation.Width;
        int k = g.ReceptiveFieldSize;
        int plane = height * width;
        int runStride = kh * kw;
        fixed (float* imageStart = job.Image)
        fixed (float* rowStart = job.Rows)
        {
            float* sample = imageStart + (long)(job.FirstSample + b) * g.InChannels * plane;
            float* target = rowStart + ((long)b * g.OutPlaneSize + oh * g.OutWidth) * k;
            for (int ow = 0; ow < g.OutWidth; ow++, target += k)
            {
                int iw0 = ow * g.Stride.Width - g.Padding.Width;
                bool contiguous = dilationW == 1 && iw0 >= 0 && iw0 + kw <= width;
                for (int i = 0; i < kh; i++)
                {
                    float* run = target + i * kw;
                    int ih = oh * g.Stride.Height - g.Padding.Height + i * g.Dilation.Height;
                    if ((uint)ih >= (uint)height)
                    {
                        for (int c = 0; c < g.InChannels; c++, run += runStride)
                        {
                            new Span<float>(run, kw).Clear();
                        }
                    }
                    else if (contiguous)
                    {
                        float* source = sample + ih * width + iw0;
                        CopyRuns(source, plane, run, runStride, kw, g.InChannels);
                    }
                    else
                    {
                        float* source = sample + ih * width + iw0;
                        for (int c = 0; c < g.InChannels; c++, run += runStride, source += plane)
                        {
                            for (int j = 0; j < kw; j++)
                            {
                                int iw = iw0 + j * dilationW;
                                run[j] = (uint)iw < (uint)width ? source[j * dilationW] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    // Sums every entry of channel c of sample b into its image plane, in order of output
    // row, then kernel row, then output column, then tap.
    private static void ScatterPlane(in Job job, int b, int c)
    {
        Conv2dGeometry g = job.G;
        int height = g.InHeight, width = g.InWidth, kh = g.Kernel.Height, kw = g.Kernel.Width;
        int dilationW = g.Dilation.Width;
        int k = g.ReceptiveFieldSize;
        fixed (float* imageStart = job.Image)
        fixed (float* rowStart = job.Rows)
        {
            float* plane = imageStart +
                ((long)(job.FirstSample + b) * g.InChannels + c) * height * width;
            new Span<float>(plane, height * width).Clear();
            float* channelRows = rowStart + (long)b * g.OutPlaneSize * k + c * kh * kw;
            for (int oh = 0; oh < g.OutHeight; oh++)
            {
                for (int i = 0; i < kh; i++)
                {
                    int ih = oh * g.Stride.Height - g.Padding.Height + i * g.Dilation.Height;
                    if ((uint)ih >= (uint)height)
                    {
                        continue;
                    }

                    float* run = channelRows + (long)oh * g.OutWidth * k + i * kw;
                    float* planeRow = plane + ih * width;
                    for (int ow = 0; ow < g.OutWidth; ow++, run += k)
                    {
                        int iw0 = ow * g.Stride.Width - g.Padding.Width;
                        if (dilationW == 1 && iw0 >= 0 && iw0 + kw <= width)
                        {
                            Accumulate(run, planeRow + iw0, kw);
                            continue;
                        }

                        for (int j = 0; j < kw; j++)
                        {
                            int iw = iw0 + j * dilationW;
                            if ((uint)iw < (uint)width)
                            {
                                planeRow[iw] += run[j];
                            }
                        }
                    }
                }
            }
        }
    }

    // Copies `length` floats from each of `count` source runs, `sourceStride` apart, to
    // target runs `targetStride` apart. Runs of 4 floats, DCGAN's kernel width, get their
    // own loop because they are one Vector128 each.
    private static void CopyRuns(
        float* source, int sourceStride, float* target, int targetStride, int length, int count)
    {
        if (length == 4)
        {
            for (int c = 0; c < count; c++, source += sourceStride, target += targetStride)
            {
                Vector128.Store(Vector128.Load(source), target);
            }

            return;
        }

        for (int c = 0; c < count; c++, source += sourceStride, target += targetStride)
        {
            Copy(source, target, length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* source, float* target, int length)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 8 <= length; j += 8)
            {
                Vector256.Store(Vector256.Load(source + j), target + j);
            }
        }

        for (; j + 4 <= length; j += 4)
        {
            Vector128.Store(Vector128.Load(source + j), target + j);
        }

        for (; j < length; j++)
        {
            target[j] = source[j];
        }
    }

    // target[j] += source[j] for j < length.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(float* source, float* target, int length)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 8 <= length; j += 8)
            {
                Vector256<float> sum = Vector256.Load(target + j) + Vector256.Load(source + j);
                Vector256.Store(sum, target + j);
            }
        }

        for (; j + 4 <= length; j += 4)
        {
            Vector128.Store(Vector128.Load(target + j) + Vector128.Load(source + j), target + j);
        }

        for (; j < length; j++)
        {
            target[j] += source[j];
        }
    }

    private readonly record struct Job(
        Conv2dGeometry G, float[] Image, int FirstSample, float[] Rows);
}
