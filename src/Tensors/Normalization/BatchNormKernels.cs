namespace NativeGan.Tensors.Normalization;

/// <summary>
/// Batch normalization kernels over contiguous inputs of shape (N, C, *), as in
/// torch.nn.functional.batch_norm: per channel c,
/// y = weight[c] * (x - mean[c]) / sqrt(variance[c] + eps) + bias[c].
/// </summary>
/// <remarks>
/// Statistics are accumulated in double with a corrected two-pass method. Channels are
/// split among up to <see cref="ComputeThreads.Max"/> threads, and every channel is
/// computed the same way whatever the split, so results are bitwise the same for any
/// number of threads. A null weight means 1 and a null bias means 0. Means and variances
/// are double arrays of length C; the variance is the biased one (divided by N * Spatial).
/// </remarks>
public static class BatchNormKernels
{
    /// <summary>
    /// Normalizes with the batch statistics (training mode) and returns those statistics
    /// in <paramref name="mean"/> and <paramref name="variance"/> (biased).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An array length does not match the layout, or a channel has no values.
    /// </exception>
    public static void ForwardTraining(
        float[] x, BatchNormLayout layout, float[]? weight, float[]? bias, double eps,
        float[] y, double[] mean, double[] variance) =>
        ForwardTraining(x, layout, weight, bias, eps, y, mean, variance, ComputeThreads.Max);

    /// <summary>Runs the public ForwardTraining on at most maxThreads threads, for tests.</summary>
    internal static void ForwardTraining(
        float[] x, BatchNormLayout layout, float[]? weight, float[]? bias, double eps,
        float[] y, double[] mean, double[] variance, int maxThreads)
    {
        const string Op = nameof(ForwardTraining);
        CheckData(x, layout, Op, nameof(x));
        CheckData(y, layout, Op, nameof(y));
        CheckChannels(weight, layout, Op, nameof(weight));
        CheckChannels(bias, layout, Op, nameof(bias));
        CheckChannels(mean, layout, Op, nameof(mean));
        CheckChannels(variance, layout, Op, nameof(variance));
        if (layout.ValuesPerChannel == 0)
        {
            throw new ArgumentException(
                $"{Op}: layout {layout} has no values per channel, so the batch mean is " +
                "undefined; pass a non-empty batch.", nameof(layout));
        }

        bool columns = layout.Spatial == 1;
        ChannelParallel.For(layout.Channels, layout.ValuesPerChannel, maxThreads, (start, end) =>
        {
            if (columns)
            {
                BatchNormColumns.Statistics(x, layout, start, end, mean, variance);
                BatchNormColumns.Normalize(
                    x, layout, start, end, weight, bias, mean, variance, eps, y);
            }
            else
            {
                BatchNormPlanes.Statistics(x, layout, start, end, mean, variance);
                BatchNormPlanes.Normalize(
                    x, layout, start, end, weight, bias, mean, variance, eps, y);
            }
        });
    }

    /// <summary>
    /// Normalizes with given statistics (evaluation mode, usually the running ones).
    /// </summary>
    /// <exception cref="ArgumentException">An array length does not match the layout.</exception>
    public static void ForwardInference(
        float[] x, BatchNormLayout layout, float[]? weight, float[]? bias, double[] mean,
        double[] variance, double eps, float[] y)
    {
        const string Op = nameof(ForwardInference);
        CheckData(x, layout, Op, nameof(x));
        CheckData(y, layout, Op, nameof(y));
        CheckChannels(weight, layout, Op, nameof(weight));
        CheckChannels(bias, layout, Op, nameof(bias));
        CheckChannels(mean, layout, Op, nameof(mean));
        CheckChannels(variance, layout, Op, nameof(variance));
        bool columns = layout.Spatial == 1;
        ChannelParallel.For(
            layout.Channels, layout.ValuesPerChannel, ComputeThreads.Max, (start, end) =>
            {
                if (columns)
                {
                    BatchNormColumns.Normalize(
                        x, layout, start, end, weight, bias, mean, variance, eps, y);
                }
                else
                {
                    BatchNormPlanes.Normalize(
                        x, layout, start, end, weight, bias, mean, variance, eps, y);
                }
            });
    }

    /// <summary>
    /// Computes the gradients of the forward map for the given mean and variance. With
    /// <paramref name="batchStatistics"/> (training mode) they are the batch statistics
    /// and depend on x; otherwise they are constants. Null outputs are not computed.
    /// </summary>
    /// <param name="x">Input of the forward pass.</param>
    /// <param name="dY">Gradient of the loss with respect to y, shaped like x.</param>
    /// <param name="layout">Layout of x.</param>
    /// <param name="weight">Per-channel weight, or null for 1.</param>
    /// <param name="mean">Mean used by the forward pass, length C.</param>
    /// <param name="variance">Biased variance used by the forward pass, length C.</param>
    /// <param name="eps">Value added to the variance, as in the forward pass.</param>
    /// <param name="batchStatistics">Whether mean and variance were computed from x.</param>
    /// <param name="dX">Receives dL/dx, shaped like x; null to skip.</param>
    /// <param name="dWeight">Receives dL/dweight, length C; null to skip.</param>
    /// <param name="dBias">Receives dL/dbias, length C; null to skip.</param>
    /// <exception cref="ArgumentException">An array length does not match the layout.</exception>
    public static void Backward(
        float[] x, float[] dY, BatchNormLayout layout, float[]? weight, double[] mean,
        double[] variance, double eps, bool batchStatistics, float[]? dX, float[]? dWeight,
        float[]? dBias) =>
        Backward(
            x, dY, layout, weight, mean, variance, eps, batchStatistics, dX, dWeight, dBias,
            ComputeThreads.Max);

    /// <summary>Runs the public Backward on at most maxThreads threads, for tests.</summary>
    internal static void Backward(
        float[] x, float[] dY, BatchNormLayout layout, float[]? weight, double[] mean,
        double[] variance, double eps, bool batchStatistics, float[]? dX, float[]? dWeight,
        float[]? dBias, int maxThreads)
    {
        const string Op = nameof(Backward);
        CheckData(x, layout, Op, nameof(x));
        CheckData(dY, layout, Op, nameof(dY));
        CheckData(dX, layout, Op, nameof(dX));
        CheckChannels(weight, layout, Op, nameof(weight));
        CheckChannels(mean, layout, Op, nameof(mean));
        CheckChannels(variance, layout, Op, nameof(variance));
        CheckChannels(dWeight, layout, Op, nameof(dWeight));
        CheckChannels(dBias, layout, Op, nameof(dBias));
        bool columns = layout.Spatial == 1;
        ChannelParallel.For(layout.Channels, layout.ValuesPerChannel, maxThreads, (start, end) =>
        {
            if (columns)
            {
                BatchNormColumns.Backward(
                    x, dY, layout, start, end, weight, mean, variance, eps, batchStatistics,
                    dX, dWeight, dBias);
            }
            else
            {
                BatchNormPlanes.Backward(
                    x, dY, layout, start, end, weight, mean, variance, eps, batchStatistics,
                    dX, dWeight, dBias);
            }
        });
    }

    private static void CheckData(float[]? data, BatchNormLayout layout, string op, string name)
    {
        if (layout.Batch < 0 || layout.Channels < 0 || layout.Spatial < 0)
        {
            throw new ArgumentException(
                $"{op}: invalid layout {layout}; sizes must be zero or positive.");
        }

        if (data is not null && data.Length != layout.ElementCount)
        {
            throw new ArgumentException(
                $"{op}: {name} has {data.Length} elements but layout {layout} needs " +
                $"{layout.ElementCount}.", name);
        }
    }

    private static void CheckChannels<T>(
        T[]? data, BatchNormLayout layout, string op, string name)
    {
        if (data is not null && data.Length != layout.Channels)
        {
            throw new ArgumentException(
                $"{op}: {name} has {data.Length} elements but layout {layout} has " +
                $"{layout.Channels} channels.", name);
        }
    }
}
