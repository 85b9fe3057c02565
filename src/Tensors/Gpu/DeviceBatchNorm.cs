using ILGPU;
using ILGPU.Runtime;
using NativeGan.Tensors.Normalization;
using NormalizeLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>,
    NativeGan.Tensors.Normalization.BatchNormLayout, float>;
using StatisticsLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.KernelConfig, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>,
    NativeGan.Tensors.Normalization.BatchNormLayout>;
using BackwardSumsLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.KernelConfig, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>,
    NativeGan.Tensors.Normalization.BatchNormLayout, float>;
using BackwardInputLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, NativeGan.Tensors.Normalization.BatchNormLayout, float>;
using RunningLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, float, float>;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Batch normalization of device tensors of shape (N, C, *), as
/// torch.nn.functional.batch_norm: per channel c,
/// y = weight[c] (x - mean[c]) / sqrt(variance[c] + eps) + bias[c], with the biased
/// variance (divided by N times the positions per sample).
/// </summary>
/// <remarks>
/// weight, bias, mean and variance have shape (C). The statistics come from two passes
/// over each channel (mean, then squared deviations) in float, one group per channel.
/// For a batch norm without affine parameters, pass a weight of ones and a bias of zeros.
/// </remarks>
public static class DeviceBatchNorm
{
    private static readonly Type Owner = typeof(DeviceBatchNorm);
    private static readonly DeviceKernel<StatisticsLauncher> Statistics =
        new(Owner, nameof(StatisticsKernel));
    private static readonly DeviceKernel<NormalizeLauncher> Normalize =
        new(Owner, nameof(NormalizeKernel));
    private static readonly DeviceKernel<BackwardSumsLauncher> BackwardSums =
        new(Owner, nameof(BackwardSumsKernel));
    private static readonly DeviceKernel<BackwardInputLauncher> BackwardInput =
        new(Owner, nameof(BackwardInputKernel));
    private static readonly DeviceKernel<RunningLauncher> Running =
        new(Owner, nameof(RunningStatisticsKernel));

    /// <summary>
    /// Normalizes x with its batch statistics (training mode) and writes those statistics
    /// to <paramref name="mean"/> and <paramref name="variance"/> (biased).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x has rank below 2 or no values per channel, a shape does not match, or the
    /// devices differ.
    /// </exception>
    public static void ForwardTraining(
        DeviceTensor x, DeviceTensor weight, DeviceTensor bias, float eps, DeviceTensor y,
        DeviceTensor mean, DeviceTensor variance)
    {
        const string Op = "BatchNorm " + nameof(ForwardTraining);
        BatchNormLayout layout = Check(Op, x, [(y, nameof(y))], (weight, nameof(weight)),
            (bias, nameof(bias)), (mean, nameof(mean)), (variance, nameof(variance)));
        RequireValues(Op, x, layout);
        ComputeDevice device = x.Device;
        var config = new KernelConfig(layout.Channels, GroupReduction.GroupSize);
        Statistics.On(device)(device.Stream, config, x.View, mean.View, variance.View, layout);
        Normalize.On(device)(device.Stream, x.Length, x.View, weight.View, bias.View,
            mean.View, variance.View, y.View, layout, eps);
    }

    /// <summary>
    /// Normalizes x with given statistics (evaluation mode, usually the running ones).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x has rank below 2, a shape does not match, or the devices differ.
    /// </exception>
    public static void ForwardInference(
        DeviceTensor x, DeviceTensor weight, DeviceTensor bias, DeviceTensor mean,
        DeviceTensor variance, float eps, DeviceTensor y)
    {
        const string Op = "BatchNorm " + nameof(ForwardInference);
        BatchNormLayout layout = Check(Op, x, [(y, nameof(y))], (weight, nameof(weight)),
            (bias, nameof(bias)), (mean, nameof(mean)), (variance, nameof(variance)));
        if (x.Length > 0)
        {
            ComputeDevice device = x.Device;
            Normalize.On(device)(device.Stream, x.Length, x.View, weight.View, bias.View,
                mean.View, variance.View, y.View, layout, eps);
        }
    }

    /// <summary>
    /// Computes the gradients of <see cref="ForwardTraining"/>, where mean and variance
    /// are the batch statistics and depend on x: dBias = sum of dY, dWeight = sum of
    /// dY x̂, dX = weight / sqrt(variance + eps) (dY - dBias / M - x̂ dWeight / M), with
    /// x̂ the normalized input and M = N times the positions per sample.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x has rank below 2 or no values per channel, a shape does not match, or the
    /// devices differ.
    /// </exception>
    public static void Backward(
        DeviceTensor x, DeviceTensor dY, DeviceTensor weight, DeviceTensor mean,
        DeviceTensor variance, float eps, DeviceTensor dX, DeviceTensor dWeight,
        DeviceTensor dBias)
    {
        const string Op = "BatchNorm " + nameof(Backward);
        BatchNormLayout layout = Check(Op, x, [(dY, nameof(dY)), (dX, nameof(dX))],
            (weight, nameof(weight)), (mean, nameof(mean)), (variance, nameof(variance)),
            (dWeight, nameof(dWeight)), (dBias, nameof(dBias)));
        RequireValues(Op, x, layout);
        ComputeDevice device = x.Device;
        var config = new KernelConfig(layout.Channels, GroupReduction.GroupSize);
        BackwardSums.On(device)(device.Stream, config, x.View, dY.View, mean.View,
            variance.View, dWeight.View, dBias.View, layout, eps);
        BackwardInput.On(device)(device.Stream, x.Length, x.View, dY.View, weight.View,
            mean.View, variance.View, dWeight.View, dBias.View, dX.View, layout, eps);
    }

    /// <summary>
    /// Updates the running statistics as PyTorch does in training mode:
    /// running = (1 - momentum) running + momentum batch, where the batch variance is made
    /// unbiased by count / (count - 1), count being the values per channel.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A tensor is not of shape (C), count is below 2, or the devices differ.
    /// </exception>
    public static void UpdateRunningStatistics(
        DeviceTensor mean, DeviceTensor variance, long count, float momentum,
        DeviceTensor runningMean, DeviceTensor runningVariance)
    {
        const string Op = "BatchNorm " + nameof(UpdateRunningStatistics);
        DeviceCheck.SameDevice(Op, (mean, nameof(mean)), (variance, nameof(variance)),
            (runningMean, nameof(runningMean)), (runningVariance, nameof(runningVariance)));
        var channels = new Shape(mean.Length);
        DeviceCheck.HasShape(Op, mean, nameof(mean), channels);
        DeviceCheck.HasShape(Op, variance, nameof(variance), channels);
        DeviceCheck.HasShape(Op, runningMean, nameof(runningMean), channels);
        DeviceCheck.HasShape(Op, runningVariance, nameof(runningVariance), channels);
        if (count < 2)
        {
            throw new ArgumentException(
                $"{Op}: count is {count}, but the unbiased variance needs at least 2 values " +
                "per channel. Use a larger batch.", nameof(count));
        }

        if (mean.Length > 0)
        {
            ComputeDevice device = mean.Device;
            float unbias = (float)((double)count / (count - 1));
            Running.On(device)(device.Stream, mean.Length, mean.View, variance.View,
                runningMean.View, runningVariance.View, momentum, unbias);
        }
    }

    // Shapes: x (N, C, S) as given by layout, mean (C), variance (C). Grid: C groups of
    // GroupSize threads, group c reducing channel c.
    [DeviceKernel(ExplicitlyGrouped = true)]
    internal static void StatisticsKernel(
        ArrayView<float> x, ArrayView<float> mean, ArrayView<float> variance,
        BatchNormLayout layout)
    {
        int channel = Grid.IdxX;
        long count = layout.ValuesPerChannel;
        float sum = 0f;
        for (long j = Group.IdxX; j < count; j += GroupReduction.GroupSize)
        {
            sum += x[DeviceReductions.ChannelIndex(layout, channel, j)];
        }

        float channelMean = GroupReduction.Sum(sum) / count;
        float squares = 0f;
        for (long j = Group.IdxX; j < count; j += GroupReduction.GroupSize)
        {
            float deviation = x[DeviceReductions.ChannelIndex(layout, channel, j)] - channelMean;
            squares += deviation * deviation;
        }

        float channelVariance = GroupReduction.Sum(squares) / count;
        if (Group.IsFirstThread)
        {
            mean[channel] = channelMean;
            variance[channel] = channelVariance;
        }
    }

    // Shapes: x, y (N, C, S); weight, bias, mean, variance (C).
    [DeviceKernel]
    internal static void NormalizeKernel(
        Index1D i, ArrayView<float> x, ArrayView<float> weight, ArrayView<float> bias,
        ArrayView<float> mean, ArrayView<float> variance, ArrayView<float> y,
        BatchNormLayout layout, float eps)
    {
        int c = i / layout.Spatial % layout.Channels;
        float inverseStd = 1f / MathF.Sqrt(variance[c] + eps);
        y[i] = weight[c] * (x[i] - mean[c]) * inverseStd + bias[c];
    }

    // Shapes: x, dY (N, C, S); mean, variance, dWeight, dBias (C). Grid: C groups of
    // GroupSize threads. dWeight[c] = sum of dY x̂ and dBias[c] = sum of dY over channel c.
    [DeviceKernel(ExplicitlyGrouped = true)]
    internal static void BackwardSumsKernel(
        ArrayView<float> x, ArrayView<float> dY, ArrayView<float> mean,
        ArrayView<float> variance, ArrayView<float> dWeight, ArrayView<float> dBias,
        BatchNormLayout layout, float eps)
    {
        int channel = Grid.IdxX;
        float channelMean = mean[channel];
        float inverseStd = 1f / MathF.Sqrt(variance[channel] + eps);
        float sumDy = 0f;
        float sumDyXHat = 0f;
        for (long j = Group.IdxX; j < layout.ValuesPerChannel; j += GroupReduction.GroupSize)
        {
            long index = DeviceReductions.ChannelIndex(layout, channel, j);
            sumDy += dY[index];
            sumDyXHat += dY[index] * (x[index] - channelMean) * inverseStd;
        }

        float totalDy = GroupReduction.Sum(sumDy);
        float totalDyXHat = GroupReduction.Sum(sumDyXHat);
        if (Group.IsFirstThread)
        {
            dBias[channel] = totalDy;
            dWeight[channel] = totalDyXHat;
        }
    }

    // Shapes: x, dY, dX (N, C, S); weight, mean, variance, dWeight, dBias (C), where
    // dWeight and dBias hold the sums of BackwardSumsKernel.
    [DeviceKernel]
    internal static void BackwardInputKernel(
        Index1D i, ArrayView<float> x, ArrayView<float> dY, ArrayView<float> weight,
        ArrayView<float> mean, ArrayView<float> variance, ArrayView<float> dWeight,
        ArrayView<float> dBias, ArrayView<float> dX, BatchNormLayout layout, float eps)
    {
        int c = i / layout.Spatial % layout.Channels;
        float count = layout.ValuesPerChannel;
        float inverseStd = 1f / MathF.Sqrt(variance[c] + eps);
        float xHat = (x[i] - mean[c]) * inverseStd;
        dX[i] = weight[c] * inverseStd * (dY[i] - dBias[c] / count - xHat * dWeight[c] / count);
    }

    // Shapes: mean, variance, runningMean, runningVariance (C).
    [DeviceKernel]
    internal static void RunningStatisticsKernel(
        Index1D c, ArrayView<float> mean, ArrayView<float> variance,
        ArrayView<float> runningMean, ArrayView<float> runningVariance, float momentum,
        float unbias)
    {
        runningMean[c] = (1f - momentum) * runningMean[c] + momentum * mean[c];
        runningVariance[c] = (1f - momentum) * runningVariance[c] +
            momentum * unbias * variance[c];
    }

    // Checks that every tensor is on x's device, that each of `like` has x's shape and
    // each of `perChannel` the shape (C), and returns x's layout.
    private static BatchNormLayout Check(
        string op, DeviceTensor x, ReadOnlySpan<(DeviceTensor Tensor, string Name)> like,
        params ReadOnlySpan<(DeviceTensor Tensor, string Name)> perChannel)
    {
        ArgumentNullException.ThrowIfNull(x);
        BatchNormLayout layout = BatchNormLayout.FromShape(x.Shape);
        var channels = new Shape(layout.Channels);
        foreach ((DeviceTensor tensor, string name) in like)
        {
            DeviceCheck.SameDevice(op, x, nameof(x), tensor, name);
            DeviceCheck.SameShape(op, x, nameof(x), tensor, name);
        }

        foreach ((DeviceTensor tensor, string name) in perChannel)
        {
            DeviceCheck.SameDevice(op, x, nameof(x), tensor, name);
            DeviceCheck.HasShape(op, tensor, name, channels);
        }

        return layout;
    }

    private static void RequireValues(string op, DeviceTensor x, BatchNormLayout layout)
    {
        if (layout.ValuesPerChannel == 0)
        {
            throw new ArgumentException(
                $"{op}: x has shape {x.Shape} with no values per channel, so the batch mean " +
                "is undefined. Pass a non-empty batch.", nameof(x));
        }
    }
}
