using NativeGan.Tensors.Normalization;

namespace NativeGan.Tensors.Pooling;

/// <summary>
/// 2-D average pooling over NCHW inputs, as torch.nn.functional.avg_pool2d: each output
/// is the sum of its window's input values divided by the window size.
/// </summary>
/// <remarks>
/// The divisor follows PyTorch's CPU kernel. With countIncludePad (PyTorch's default) it
/// is the window's area clipped to the padded input, so padding counts as zeros. Without
/// it, the divisor is the number of taps inside the input. Dilation must be (1, 1), as
/// AvgPool2d has none. Planes are split among up to <see cref="ComputeThreads.Max"/>
/// threads, one thread per plane, so results do not depend on the number of threads.
/// </remarks>
public static class AvgPool2dKernels
{
    /// <summary>
    /// Computes y from x. x: (N, C, H, W); y: (N, C, OH, OW), as given by
    /// <paramref name="geometry"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An array length does not match the geometry, or the dilation is not (1, 1).
    /// </exception>
    public static void Forward(
        Pool2dGeometry geometry, bool countIncludePad, float[] x, float[] y)
    {
        CheckDilation(geometry, nameof(Forward));
        PoolArrays.CheckInput(nameof(Forward), nameof(x), x, geometry);
        PoolArrays.CheckOutput(nameof(Forward), nameof(y), y, geometry);
        int inSize = geometry.InPlaneSize;
        int outSize = geometry.OutPlaneSize;
        var (rows, columns) = AxisWindow.ForGeometry(geometry);
        ChannelParallel.For(geometry.Planes, inSize + outSize, ComputeThreads.Max, (start, end) =>
        {
            for (int plane = start; plane < end; plane++)
            {
                ReadOnlySpan<float> input = x.AsSpan(plane * inSize, inSize);
                Span<float> output = y.AsSpan(plane * outSize, outSize);
                int o = 0;
                foreach (AxisWindow row in rows)
                {
                    foreach (AxisWindow column in columns)
                    {
                        int divisor = Divisor(row, column, countIncludePad);
                        float sum = 0f;
                        for (int h = row.Start; h < row.End; h++)
                        {
                            foreach (float value in input[
                                (h * geometry.InWidth + column.Start)..
                                (h * geometry.InWidth + column.End)])
                            {
                                sum += value;
                            }
                        }

                        output[o++] = divisor == 0 ? 0f : sum / divisor;
                    }
                }
            }
        });
    }

    /// <summary>
    /// Computes dX: each output gradient divided by its window's divisor is added to every
    /// input element of that window. dY: (N, C, OH, OW); dX: (N, C, H, W), overwritten.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An array length does not match the geometry, or the dilation is not (1, 1).
    /// </exception>
    public static void Backward(
        Pool2dGeometry geometry, bool countIncludePad, float[] dY, float[] dX)
    {
        CheckDilation(geometry, nameof(Backward));
        PoolArrays.CheckOutput(nameof(Backward), nameof(dY), dY, geometry);
        PoolArrays.CheckInput(nameof(Backward), nameof(dX), dX, geometry);
        int inSize = geometry.InPlaneSize;
        int outSize = geometry.OutPlaneSize;
        var (rows, columns) = AxisWindow.ForGeometry(geometry);
        ChannelParallel.For(geometry.Planes, inSize + outSize, ComputeThreads.Max, (start, end) =>
        {
            for (int plane = start; plane < end; plane++)
            {
                Span<float> gradInput = dX.AsSpan(plane * inSize, inSize);
                ReadOnlySpan<float> gradOutput = dY.AsSpan(plane * outSize, outSize);
                gradInput.Clear();
                int o = 0;
                foreach (AxisWindow row in rows)
                {
                    foreach (AxisWindow column in columns)
                    {
                        int divisor = Divisor(row, column, countIncludePad);
                        float share = divisor == 0 ? 0f : gradOutput[o] / divisor;
                        o++;
                        for (int h = row.Start; h < row.End; h++)
                        {
                            Span<float> target = gradInput[
                                (h * geometry.InWidth + column.Start)..
                                (h * geometry.InWidth + column.End)];
                            for (int w = 0; w < target.Length; w++)
                            {
                                target[w] += share;
                            }
                        }
                    }
                }
            }
        });
    }

    // PyTorch's divisor: the window area clipped to the padded input, or the taps inside
    // the input; 0 when the window misses the input.
    private static int Divisor(AxisWindow row, AxisWindow column, bool countIncludePad)
    {
        if (row.Start >= row.End || column.Start >= column.End)
        {
            return 0;
        }

        return countIncludePad
            ? row.PaddedLength * column.PaddedLength
            : (row.End - row.Start) * (column.End - column.Start);
    }

    private static void CheckDilation(Pool2dGeometry geometry, string op)
    {
        if (geometry.Options.Dilation != new Convolution.Size2d(1, 1))
        {
            throw new ArgumentException(
                $"AvgPool2d {op}: dilation {geometry.Options.Dilation} is not supported; " +
                "average pooling needs dilation (1, 1).", nameof(geometry));
        }
    }

    // Input range [Start, End) of one output position along one axis, and the window's
    // length when clipped to the padded input instead of the input.
    private readonly record struct AxisWindow(int Start, int End, int PaddedLength)
    {
        public static (AxisWindow[] Rows, AxisWindow[] Columns) ForGeometry(
            Pool2dGeometry geometry)
        {
            Pool2dOptions options = geometry.Options;
            AxisWindow[] rows = ForAxis(
                geometry.OutHeight, options.KernelSize.Height, options.Stride.Height,
                options.Padding.Height, geometry.InHeight);
            AxisWindow[] columns = ForAxis(
                geometry.OutWidth, options.KernelSize.Width, options.Stride.Width,
                options.Padding.Width, geometry.InWidth);
            return (rows, columns);
        }

        private static AxisWindow[] ForAxis(
            int outputSize, int kernelSize, int stride, int padding, int inputSize)
        {
            var windows = new AxisWindow[outputSize];
            for (int o = 0; o < outputSize; o++)
            {
                int start = o * stride - padding;
                int end = Math.Min(start + kernelSize, inputSize + padding);
                windows[o] = new AxisWindow(
                    Math.Max(start, 0), Math.Min(end, inputSize), end - start);
            }

            return windows;
        }
    }
}
