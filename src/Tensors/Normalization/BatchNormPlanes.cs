namespace NativeGan.Tensors.Normalization;

/// <summary>
/// Batch-norm loops for inputs with Spatial &gt; 1, channel by channel: channel c is N
/// contiguous runs of Spatial values, each processed with <see cref="SpanMoments"/>.
/// Every method handles channels [start, end) and touches no other channel.
/// </summary>
internal static class BatchNormPlanes
{
    /// <summary>
    /// Computes each channel's mean and biased variance in two passes: the sum, then the
    /// sums of d and d^2 for d = x - (float)(sum / count).
    /// </summary>
    public static void Statistics(
        float[] x, BatchNormLayout layout, int start, int end, double[] mean,
        double[] variance)
    {
        long count = layout.ValuesPerChannel;
        for (int c = start; c < end; c++)
        {
            double sum = 0;
            for (int n = 0; n < layout.Batch; n++)
            {
                sum += SpanMoments.Sum(Run(x, layout, n, c));
            }

            float shift = (float)(sum / count);
            double centeredSum = 0;
            double squares = 0;
            for (int n = 0; n < layout.Batch; n++)
            {
                var (runSum, runSquares) = SpanMoments.CenteredSums(Run(x, layout, n, c), shift);
                centeredSum += runSum;
                squares += runSquares;
            }

            (mean[c], variance[c]) =
                BatchNormCoefficients.Statistics(shift, centeredSum, squares, count);
        }
    }

    /// <summary>Computes y = weight * (x - mean) / sqrt(variance + eps) + bias.</summary>
    public static void Normalize(
        float[] x, BatchNormLayout layout, int start, int end, float[]? weight,
        float[]? bias, double[] mean, double[] variance, double eps, float[] y)
    {
        for (int c = start; c < end; c++)
        {
            ForwardCoefficients k = BatchNormCoefficients.Forward(
                mean[c], variance[c], eps, weight?[c] ?? 1f, bias?[c] ?? 0f);
            for (int n = 0; n < layout.Batch; n++)
            {
                SpanMoments.Affine(
                    Run(x, layout, n, c), k.Shift, k.Scale, k.Offset, Run(y, layout, n, c));
            }
        }
    }

    /// <summary>
    /// Computes the gradients of <see cref="Normalize"/>; see
    /// <see cref="BatchNormCoefficients.Backward"/> for the formulas. Null outputs are
    /// skipped.
    /// </summary>
    public static void Backward(
        float[] x, float[] dY, BatchNormLayout layout, int start, int end,
        float[]? weight, double[] mean, double[] variance, double eps,
        bool batchStatistics, float[]? dX, float[]? dWeight, float[]? dBias)
    {
        // In evaluation, dX needs no sums over the batch.
        bool needSums = batchStatistics || dWeight is not null || dBias is not null;
        for (int c = start; c < end; c++)
        {
            float shift = (float)mean[c];
            double sumDy = 0;
            double sumDyShifted = 0;
            for (int n = 0; needSums && n < layout.Batch; n++)
            {
                var (runDy, runProduct) = SpanMoments.GradientSums(
                    Run(x, layout, n, c), Run(dY, layout, n, c), shift);
                sumDy += runDy;
                sumDyShifted += runProduct;
            }

            BackwardCoefficients k = BatchNormCoefficients.Backward(
                mean[c], variance[c], eps, weight?[c] ?? 1f, layout.ValuesPerChannel,
                batchStatistics, sumDy, sumDyShifted);
            if (dWeight is not null)
            {
                dWeight[c] = k.DWeight;
            }

            if (dBias is not null)
            {
                dBias[c] = k.DBias;
            }

            for (int n = 0; dX is not null && n < layout.Batch; n++)
            {
                SpanMoments.Gradient(
                    Run(x, layout, n, c), Run(dY, layout, n, c), k.Shift, k.DyScale,
                    k.CenteredScale, k.Offset, Run(dX, layout, n, c));
            }
        }
    }

    private static Span<float> Run(float[] data, BatchNormLayout layout, int n, int c) =>
        data.AsSpan((n * layout.Channels + c) * layout.Spatial, layout.Spatial);
}
