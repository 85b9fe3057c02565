using System.Buffers;

namespace NativeGan.Tensors.Normalization;

/// <summary>
/// Batch-norm loops for (N, C) inputs (Spatial = 1), row by row: channel c is column c of
/// an N x C matrix, and each row is processed with <see cref="RowMoments"/> so that the
/// vector lanes run across channels. Every method handles columns [start, end) only.
/// </summary>
/// <remarks>
/// Per-column scratch (a few values per channel) is rented from the shared array pools.
/// </remarks>
internal static class BatchNormColumns
{
    /// <summary>
    /// Computes each column's mean and biased variance in the same two passes as
    /// <see cref="BatchNormPlanes.Statistics"/>.
    /// </summary>
    public static void Statistics(
        float[] x, BatchNormLayout layout, int start, int end, double[] mean,
        double[] variance)
    {
        int width = end - start;
        long count = layout.ValuesPerChannel;
        float[] shiftArray = ArrayPool<float>.Shared.Rent(width);
        double[] centeredArray = ArrayPool<double>.Shared.Rent(2 * width);
        try
        {
            Span<double> sum = mean.AsSpan(start, width);
            sum.Clear();
            for (int n = 0; n < layout.Batch; n++)
            {
                RowMoments.AddRow(Row(x, layout, n, start, width), sum);
            }

            Span<float> shift = shiftArray.AsSpan(0, width);
            for (int j = 0; j < width; j++)
            {
                shift[j] = (float)(sum[j] / count);
            }

            Span<double> centeredSum = centeredArray.AsSpan(0, width);
            Span<double> squares = centeredArray.AsSpan(width, width);
            centeredSum.Clear();
            squares.Clear();
            for (int n = 0; n < layout.Batch; n++)
            {
                RowMoments.AddCenteredRow(
                    Row(x, layout, n, start, width), shift, centeredSum, squares);
            }

            for (int j = 0; j < width; j++)
            {
                (mean[start + j], variance[start + j]) = BatchNormCoefficients.Statistics(
                    shift[j], centeredSum[j], squares[j], count);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(shiftArray);
            ArrayPool<double>.Shared.Return(centeredArray);
        }
    }

    /// <summary>Computes y = weight * (x - mean) / sqrt(variance + eps) + bias.</summary>
    public static void Normalize(
        float[] x, BatchNormLayout layout, int start, int end, float[]? weight,
        float[]? bias, double[] mean, double[] variance, double eps, float[] y)
    {
        int width = end - start;
        float[] scratch = ArrayPool<float>.Shared.Rent(3 * width);
        try
        {
            Span<float> shift = scratch.AsSpan(0, width);
            Span<float> scale = scratch.AsSpan(width, width);
            Span<float> offset = scratch.AsSpan(2 * width, width);
            for (int j = 0; j < width; j++)
            {
                int c = start + j;
                ForwardCoefficients k = BatchNormCoefficients.Forward(
                    mean[c], variance[c], eps, weight?[c] ?? 1f, bias?[c] ?? 0f);
                (shift[j], scale[j], offset[j]) = (k.Shift, k.Scale, k.Offset);
            }

            for (int n = 0; n < layout.Batch; n++)
            {
                RowMoments.AffineRow(
                    Row(x, layout, n, start, width), shift, scale, offset,
                    Row(y, layout, n, start, width));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Computes the gradients of <see cref="Normalize"/>, as
    /// <see cref="BatchNormPlanes.Backward"/> does. Null outputs are skipped.
    /// </summary>
    public static void Backward(
        float[] x, float[] dY, BatchNormLayout layout, int start, int end,
        float[]? weight, double[] mean, double[] variance, double eps,
        bool batchStatistics, float[]? dX, float[]? dWeight, float[]? dBias)
    {
        int width = end - start;
        float[] scratch = ArrayPool<float>.Shared.Rent(4 * width);
        double[] sums = ArrayPool<double>.Shared.Rent(2 * width);
        try
        {
            Span<float> shift = scratch.AsSpan(0, width);
            Span<float> dyScale = scratch.AsSpan(width, width);
            Span<float> centeredScale = scratch.AsSpan(2 * width, width);
            Span<float> offset = scratch.AsSpan(3 * width, width);
            Span<double> sumDy = sums.AsSpan(0, width);
            Span<double> sumDyShifted = sums.AsSpan(width, width);
            sumDy.Clear();
            sumDyShifted.Clear();
            for (int j = 0; j < width; j++)
            {
                shift[j] = (float)mean[start + j];
            }

            // In evaluation, dX needs no sums over the batch.
            bool needSums = batchStatistics || dWeight is not null || dBias is not null;
            for (int n = 0; needSums && n < layout.Batch; n++)
            {
                RowMoments.AddGradientRow(
                    Row(x, layout, n, start, width), Row(dY, layout, n, start, width), shift,
                    sumDy, sumDyShifted);
            }

            for (int j = 0; j < width; j++)
            {
                int c = start + j;
                BackwardCoefficients k = BatchNormCoefficients.Backward(
                    mean[c], variance[c], eps, weight?[c] ?? 1f, layout.ValuesPerChannel,
                    batchStatistics, sumDy[j], sumDyShifted[j]);
                (dyScale[j], centeredScale[j], offset[j]) =
                    (k.DyScale, k.CenteredScale, k.Offset);
                if (dWeight is not null)
                {
                    dWeight[c] = k.DWeight;
                }

                if (dBias is not null)
                {
                    dBias[c] = k.DBias;
                }
            }

            for (int n = 0; dX is not null && n < layout.Batch; n++)
            {
                RowMoments.GradientRow(
                    Row(x, layout, n, start, width), Row(dY, layout, n, start, width), shift,
                    dyScale, centeredScale, offset, Row(dX, layout, n, start, width));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
            ArrayPool<double>.Shared.Return(sums);
        }
    }

    private static Span<float> Row(
        float[] data, BatchNormLayout layout, int n, int start, int width) =>
        data.AsSpan(n * layout.Channels + start, width);
}
