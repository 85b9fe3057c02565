using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Normalization;

namespace NativeGan.GpuCheck;

/// <summary>
/// DeviceBatchNorm against BatchNormKernels: training and inference forward passes, the
/// backward pass with batch statistics, and the running statistics update (against
/// float64, as NativeGan.Tensors has no CPU kernel for it). Tolerances are those of the
/// device batch norm tests.
/// </summary>
internal static class BatchNormChecks
{
    private const float Eps = 1e-5f;
    private const float Momentum = 0.1f;

    /// <summary>Creates the checks.</summary>
    public static IEnumerable<KernelCheck> Create(ComputeDevice device, CheckSizes sizes)
    {
        foreach (BatchNormLayout layout in sizes.BatchNormLayouts)
        {
            var label = new KernelCheckLabel(
                "batch_norm", $"(N, C, S) = {ReductionChecks.Describe(layout)}");
            yield return new KernelCheck(
                label, "forward training", () => ForwardTraining(device, label, layout));
            yield return new KernelCheck(
                label, "forward inference", () => [ForwardInference(device, label, layout)]);
            yield return new KernelCheck(label, "backward", () => Backward(device, label, layout));
            yield return new KernelCheck(
                label, "running statistics", () => RunningStatistics(device, label, layout));
        }
    }

    private static IReadOnlyList<CheckResult> ForwardTraining(
        ComputeDevice device, KernelCheckLabel label, BatchNormLayout layout)
    {
        Inputs inputs = Inputs.Create(layout);
        var cpuY = new float[inputs.X.Length];
        var cpuMean = new double[layout.Channels];
        var cpuVariance = new double[layout.Channels];
        BatchNormKernels.ForwardTraining(inputs.X, layout, inputs.Weight, inputs.Bias, Eps, cpuY,
            cpuMean, cpuVariance);

        using DeviceTensor x = HostArrays.Upload(device, inputs.X, inputs.Shape);
        using DeviceTensor weight = HostArrays.Upload(device, inputs.Weight, new(layout.Channels));
        using DeviceTensor bias = HostArrays.Upload(device, inputs.Bias, new(layout.Channels));
        using DeviceTensor y = HostArrays.NaNs(device, inputs.Shape);
        using DeviceTensor mean = HostArrays.NaNs(device, new(layout.Channels));
        using DeviceTensor variance = HostArrays.NaNs(device, new(layout.Channels));
        DeviceBatchNorm.ForwardTraining(x, weight, bias, Eps, y, mean, variance);

        const string Reference = "BatchNormKernels";
        return
        [
            Comparison.Compare(label, "forward training y", Reference, y.ToHost().Data, cpuY,
                Tolerance.Relative(1e-5, 1e-5)),
            Comparison.Compare(label, "forward training mean", Reference, mean.ToHost().Data,
                cpuMean, Tolerance.Relative(1e-5, 1e-6)),
            Comparison.Compare(label, "forward training variance", Reference,
                variance.ToHost().Data, cpuVariance, Tolerance.Relative(1e-5, 1e-6)),
        ];
    }

    private static CheckResult ForwardInference(
        ComputeDevice device, KernelCheckLabel label, BatchNormLayout layout)
    {
        Inputs inputs = Inputs.Create(layout);
        var rng = new Rng(93);
        float[] mean = HostArrays.Uniform(rng, layout.Channels);
        float[] variance = HostArrays.Uniform(rng, layout.Channels, 0.2f, 3f);
        var cpuY = new float[inputs.X.Length];
        BatchNormKernels.ForwardInference(inputs.X, layout, inputs.Weight, inputs.Bias,
            Comparison.ToDouble(mean), Comparison.ToDouble(variance), Eps, cpuY);

        var channels = new Shape(layout.Channels);
        using DeviceTensor x = HostArrays.Upload(device, inputs.X, inputs.Shape);
        using DeviceTensor weight = HostArrays.Upload(device, inputs.Weight, channels);
        using DeviceTensor bias = HostArrays.Upload(device, inputs.Bias, channels);
        using DeviceTensor deviceMean = HostArrays.Upload(device, mean, channels);
        using DeviceTensor deviceVariance = HostArrays.Upload(device, variance, channels);
        using DeviceTensor y = HostArrays.NaNs(device, inputs.Shape);
        DeviceBatchNorm.ForwardInference(x, weight, bias, deviceMean, deviceVariance, Eps, y);

        return Comparison.Compare(label, "forward inference y", "BatchNormKernels",
            y.ToHost().Data, cpuY, Tolerance.Relative(1e-5, 1e-5));
    }

    private static IReadOnlyList<CheckResult> Backward(
        ComputeDevice device, KernelCheckLabel label, BatchNormLayout layout)
    {
        Inputs inputs = Inputs.Create(layout);
        float[] dY = HostArrays.Uniform(new Rng(94), inputs.X.Length);
        var ignoredY = new float[inputs.X.Length];
        var mean = new double[layout.Channels];
        var variance = new double[layout.Channels];
        BatchNormKernels.ForwardTraining(inputs.X, layout, inputs.Weight, inputs.Bias, Eps,
            ignoredY, mean, variance);
        var cpuDx = new float[inputs.X.Length];
        var cpuDw = new float[layout.Channels];
        var cpuDb = new float[layout.Channels];
        BatchNormKernels.Backward(inputs.X, dY, layout, inputs.Weight, mean, variance, Eps, true,
            cpuDx, cpuDw, cpuDb);

        var channels = new Shape(layout.Channels);
        using DeviceTensor x = HostArrays.Upload(device, inputs.X, inputs.Shape);
        using DeviceTensor deviceDy = HostArrays.Upload(device, dY, inputs.Shape);
        using DeviceTensor weight = HostArrays.Upload(device, inputs.Weight, channels);
        using DeviceTensor deviceMean = HostArrays.Upload(device, ToFloat(mean), channels);
        using DeviceTensor deviceVariance = HostArrays.Upload(device, ToFloat(variance), channels);
        using DeviceTensor dX = HostArrays.NaNs(device, inputs.Shape);
        using DeviceTensor dW = HostArrays.NaNs(device, channels);
        using DeviceTensor dB = HostArrays.NaNs(device, channels);
        DeviceBatchNorm.Backward(x, deviceDy, weight, deviceMean, deviceVariance, Eps, dX, dW, dB);

        // dX subtracts nearly equal terms, so its error scales with the sums of |dY|.
        double absolute = 1e-5 * Math.Sqrt(layout.ValuesPerChannel);
        const string Reference = "BatchNormKernels";
        return
        [
            Comparison.Compare(label, "backward dX", Reference, dX.ToHost().Data, cpuDx,
                Tolerance.Relative(1e-4, absolute)),
            Comparison.Compare(label, "backward dWeight", Reference, dW.ToHost().Data, cpuDw,
                Tolerance.Relative(1e-5, absolute)),
            Comparison.Compare(label, "backward dBias", Reference, dB.ToHost().Data, cpuDb,
                Tolerance.Relative(1e-5, absolute)),
        ];
    }

    private static IReadOnlyList<CheckResult> RunningStatistics(
        ComputeDevice device, KernelCheckLabel label, BatchNormLayout layout)
    {
        var rng = new Rng(95);
        int c = layout.Channels;
        float[] mean = HostArrays.Uniform(rng, c);
        float[] variance = HostArrays.Uniform(rng, c, 0.2f, 3f);
        float[] runningMean = HostArrays.Uniform(rng, c);
        float[] runningVariance = HostArrays.Uniform(rng, c, 0.2f, 3f);
        long count = layout.ValuesPerChannel;

        var channels = new Shape(c);
        using DeviceTensor deviceMean = HostArrays.Upload(device, mean, channels);
        using DeviceTensor deviceVariance = HostArrays.Upload(device, variance, channels);
        using DeviceTensor deviceRunningMean = HostArrays.Upload(device, runningMean, channels);
        using DeviceTensor deviceRunningVariance =
            HostArrays.Upload(device, runningVariance, channels);
        DeviceBatchNorm.UpdateRunningStatistics(deviceMean, deviceVariance, count, Momentum,
            deviceRunningMean, deviceRunningVariance);

        // PyTorch's update, with the batch variance made unbiased by count / (count - 1).
        double[] expectedMean = mean
            .Select((m, i) => (1 - (double)Momentum) * runningMean[i] + Momentum * (double)m)
            .ToArray();
        double[] expectedVariance = variance
            .Select((v, i) => (1 - (double)Momentum) * runningVariance[i] +
                Momentum * (double)v * count / (count - 1))
            .ToArray();
        var tolerance = Tolerance.Relative(1e-6, 1e-7);
        return
        [
            Comparison.Compare(label, "running mean", "float64",
                deviceRunningMean.ToHost().Data, expectedMean, tolerance),
            Comparison.Compare(label, "running variance", "float64",
                deviceRunningVariance.ToHost().Data, expectedVariance, tolerance),
        ];
    }

    private static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();

    // x from U(-3, 5), weight from U(0.5, 1.5) and bias from U(-1, 1), as in the device tests.
    private sealed record Inputs(float[] X, float[] Weight, float[] Bias, Shape Shape)
    {
        public static Inputs Create(BatchNormLayout layout)
        {
            var rng = new Rng((ulong)(layout.Batch * 1000 + layout.Channels * 10 + layout.Spatial));
            return new Inputs(
                HostArrays.Uniform(rng, (int)layout.ElementCount, -3f, 5f),
                HostArrays.Uniform(rng, layout.Channels, 0.5f, 1.5f),
                HostArrays.Uniform(rng, layout.Channels, -1f, 1f),
                new Shape(layout.Batch, layout.Channels, layout.Spatial));
        }
    }
}
