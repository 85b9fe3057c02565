using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Normalization;

namespace NativeGan.GpuCheck;

/// <summary>
/// DeviceReductions against the CPU: Sum and Mean of a whole tensor against TensorOps, and
/// per-channel sums of an (N, C, S) tensor against ChannelBias.Sum.
/// </summary>
internal static class ReductionChecks
{
    /// <summary>Creates the checks.</summary>
    public static IEnumerable<KernelCheck> Create(ComputeDevice device, CheckSizes sizes)
    {
        int length = sizes.ReductionLength;
        var whole = new KernelCheckLabel("reductions", $"{length} elements");
        yield return new KernelCheck(
            whole, "sum", () => [Whole(device, whole, length, mean: false)]);
        yield return new KernelCheck(
            whole, "mean", () => [Whole(device, whole, length, mean: true)]);

        BatchNormLayout layout = sizes.ChannelSumLayout;
        var channels = new KernelCheckLabel("reductions", $"(N, C, S) = {Describe(layout)}");
        yield return new KernelCheck(
            channels, "channel sums", () => [ChannelSums(device, channels, layout)]);
    }

    /// <summary>Formats a layout as (N, C, S).</summary>
    internal static string Describe(BatchNormLayout layout) =>
        $"({layout.Batch}, {layout.Channels}, {layout.Spatial})";

    private static CheckResult Whole(
        ComputeDevice device, KernelCheckLabel label, int length, bool mean)
    {
        var x = new Tensor(HostArrays.Uniform(new Rng(mean ? 82UL : 81UL), length), length);
        float cpu = (mean ? TensorOps.Mean(x) : TensorOps.Sum(x)).Item();

        using DeviceTensor deviceX = x.ToDevice(device);
        using DeviceTensor result = HostArrays.NaNs(device, new(1));
        if (mean)
        {
            DeviceReductions.Mean(deviceX, result);
        }
        else
        {
            DeviceReductions.Sum(deviceX, result);
        }

        // The device tests allow 1e-6 sum|x| + 1e-7 against float64 (mean|x| for the mean),
        // and twice that against the CPU result.
        double magnitude = x.Data.Sum(v => Math.Abs((double)v)) / (mean ? length : 1);
        var tolerance = Tolerance.Relative(0, 2 * (1e-6 * magnitude + 1e-7));
        string name = mean ? "mean" : "sum";
        return Comparison.Compare(label, name, mean ? "TensorOps.Mean" : "TensorOps.Sum",
            result.ToHost().Data, [cpu], tolerance);
    }

    private static CheckResult ChannelSums(
        ComputeDevice device, KernelCheckLabel label, BatchNormLayout layout)
    {
        int length = (int)layout.ElementCount;
        float[] x = HostArrays.Uniform(new Rng(83), length);
        var cpu = new float[layout.Channels];
        ChannelBias.Sum(x, layout.Batch, layout.Channels, layout.Spatial, cpu);

        using DeviceTensor deviceX = HostArrays.Upload(
            device, x, new(layout.Batch, layout.Channels, layout.Spatial));
        using DeviceTensor sums = HostArrays.NaNs(device, new(layout.Channels));
        DeviceReductions.ChannelSums(deviceX, layout, sums);

        var tolerance = Tolerance.Relative(1e-6, 1e-6 * layout.ValuesPerChannel);
        return Comparison.Compare(label, "channel sums", "ChannelBias.Sum", sums.ToHost().Data,
            cpu, tolerance);
    }
}
