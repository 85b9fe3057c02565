using System.Runtime.CompilerServices;
using NativeGan.Tensors.Normalization;

namespace NativeGan.Tensors.Pooling;

/// <summary>
/// 2-D max pooling over NCHW inputs, as torch.nn.functional.max_pool2d with
/// return_indices: each output is the maximum of its window, and its index is the flat
/// position h * W + w of that maximum inside the input plane.
/// </summary>
/// <remarks>
/// Padding counts as -infinity. On ties the first maximum in row-major window order wins.
/// A NaN in the window wins over any number, and the last NaN wins, as in PyTorch's CPU
/// kernel. A window with no tap inside the input, possible only with dilation, gives
/// -infinity and index -1, and passes no gradient. Planes are split among up to
/// <see cref="ComputeThreads.Max"/> threads, and each plane is computed on one thread, so
/// results do not depend on the number of threads.
/// </remarks>
public static class MaxPool2dKernels
{
    /// <summary>
    /// Computes y and the argmax indices. x: (N, C, H, W); y and indices: (N, C, OH, OW),
    /// as given by <paramref name="geometry"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An array length does not match the geometry.</exception>
    public static void Forward(Pool2dGeometry geometry, float[] x, float[] y, int[] indices)
    {
        PoolArrays.CheckInput(nameof(Forward), nameof(x), x, geometry);
        PoolArrays.CheckOutput(nameof(Forward), nameof(y), y, geometry);
        PoolArrays.CheckOutput(nameof(Forward), nameof(indices), indices, geometry);
        var (rows, columns) = AxisTaps.ForGeometry(geometry);
        ChannelParallel.For(
            geometry.Planes, geometry.InPlaneSize + geometry.OutPlaneSize, ComputeThreads.Max,
            (start, end) =>
            {
                for (int plane = start; plane < end; plane++)
                {
                    ForwardPlane(geometry, rows, columns, x, y, indices, plane);
                }
            });
    }

    /// <summary>
    /// Computes dX by sending each output gradient to the input element that was the
    /// maximum; elements that were never a maximum get 0. dY, indices: (N, C, OH, OW);
    /// dX: (N, C, H, W), overwritten.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An array length does not match the geometry, or an index is outside its plane.
    /// </exception>
    public static void Backward(Pool2dGeometry geometry, float[] dY, int[] indices, float[] dX)
    {
        PoolArrays.CheckOutput(nameof(Backward), nameof(dY), dY, geometry);
        PoolArrays.CheckOutput(nameof(Backward), nameof(indices), indices, geometry);
        PoolArrays.CheckInput(nameof(Backward), nameof(dX), dX, geometry);
        int inSize = geometry.InPlaneSize;
        int outSize = geometry.OutPlaneSize;
        CheckIndices(indices, inSize);
        ChannelParallel.For(geometry.Planes, inSize + outSize, ComputeThreads.Max, (start, end) =>
        {
            for (int plane = start; plane < end; plane++)
            {
                Span<float> gradInput = dX.AsSpan(plane * inSize, inSize);
                ReadOnlySpan<float> gradOutput = dY.AsSpan(plane * outSize, outSize);
                ReadOnlySpan<int> planeIndices = indices.AsSpan(plane * outSize, outSize);
                gradInput.Clear();
                for (int o = 0; o < outSize; o++)
                {
                    int index = planeIndices[o];
                    if (index >= 0)
                    {
                        gradInput[index] += gradOutput[o];
                    }
                }
            }
        });
    }

    // Checked before the parallel loop, where an exception would arrive wrapped.
    private static void CheckIndices(int[] indices, int inPlaneSize)
    {
        for (int o = 0; o < indices.Length; o++)
        {
            if (indices[o] < -1 || indices[o] >= inPlaneSize)
            {
                throw new ArgumentException(
                    $"{nameof(Backward)}: index {indices[o]} at output {o} is outside the " +
                    $"input plane of {inPlaneSize} elements; pass the indices from Forward " +
                    "with the same geometry.", nameof(indices));
            }
        }
    }

    private static void ForwardPlane(
        Pool2dGeometry geometry, AxisTaps[] rows, AxisTaps[] columns, float[] x, float[] y,
        int[] indices, int plane)
    {
        int width = geometry.InWidth;
        int dilationHeight = geometry.Options.Dilation.Height;
        int dilationWidth = geometry.Options.Dilation.Width;
        ReadOnlySpan<float> input = x.AsSpan(plane * geometry.InPlaneSize, geometry.InPlaneSize);
        Span<float> output = y.AsSpan(plane * geometry.OutPlaneSize, geometry.OutPlaneSize);
        Span<int> outIndices = indices.AsSpan(plane * geometry.OutPlaneSize, geometry.OutPlaneSize);
        int o = 0;
        foreach (AxisTaps row in rows)
        {
            foreach (AxisTaps column in columns)
            {
                if (row.Start == row.End || column.Start == column.End)
                {
                    output[o] = float.NegativeInfinity;
                    outIndices[o++] = -1;
                    continue;
                }

                // Start from the first tap inside the input, so that a window of -infinity
                // still has an index, as in PyTorch.
                int bestIndex = (row.Origin + row.Start * dilationHeight) * width +
                    column.Origin + column.Start * dilationWidth;
                float best = input[bestIndex];
                for (int i = row.Start; i < row.End; i++)
                {
                    int rowOffset = (row.Origin + i * dilationHeight) * width + column.Origin;
                    for (int j = column.Start; j < column.End; j++)
                    {
                        int index = rowOffset + j * dilationWidth;
                        float value = input[index];
                        // Branch-free update, because the position of a window's maximum
                        // in random data defeats the branch predictor. MathF.Max returns
                        // NaN if either value is NaN, matching the index rule.
                        bool take = (value > best) | float.IsNaN(value);
                        bestIndex += (index - bestIndex) & -Unsafe.BitCast<bool, byte>(take);
                        best = MathF.Max(best, value);
                    }
                }

                // Read back through the index, so that the value and the index agree even
                // for -0 and +0, which compare equal.
                output[o] = input[bestIndex];
                outIndices[o++] = bestIndex;
            }
        }
    }

    // Window of one output position along one axis: the first tap's input coordinate
    // (Origin, negative inside the padding) and the taps [Start, End) that fall inside the
    // input. Computed once per call, because the range needs integer divisions.
    private readonly record struct AxisTaps(int Origin, int Start, int End)
    {
        public static (AxisTaps[] Rows, AxisTaps[] Columns) ForGeometry(Pool2dGeometry geometry)
        {
            Pool2dOptions options = geometry.Options;
            AxisTaps[] rows = ForAxis(
                geometry.OutHeight, options.KernelSize.Height, options.Stride.Height,
                options.Padding.Height, options.Dilation.Height, geometry.InHeight);
            AxisTaps[] columns = ForAxis(
                geometry.OutWidth, options.KernelSize.Width, options.Stride.Width,
                options.Padding.Width, options.Dilation.Width, geometry.InWidth);
            return (rows, columns);
        }

        private static AxisTaps[] ForAxis(
            int outputSize, int kernelSize, int stride, int padding, int dilation,
            int inputSize)
        {
            var taps = new AxisTaps[outputSize];
            for (int o = 0; o < outputSize; o++)
            {
                int origin = o * stride - padding;
                int start = origin < 0 ? (-origin + dilation - 1) / dilation : 0;
                int lastInside = inputSize - 1 - origin;
                int end = lastInside < 0 ? 0 : Math.Min(kernelSize, lastInside / dilation + 1);
                taps[o] = new AxisTaps(origin, start, Math.Max(start, end));
            }

            return taps;
        }
    }
}
