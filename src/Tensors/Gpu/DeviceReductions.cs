using ILGPU;
using ILGPU.Runtime;
using NativeGan.Tensors.Normalization;
using ChannelSumsLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.KernelConfig, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, NativeGan.Tensors.Normalization.BatchNormLayout, float>;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Sums and means of device tensors: over all elements, and per channel of an (N, C, *)
/// tensor as batch norm and bias gradients need them.
/// </summary>
/// <remarks>
/// One group of <see cref="GroupReduction.GroupSize"/> threads reduces one channel, each
/// thread summing a strided share in float before the group's tree. The summation order is
/// fixed, so results repeat exactly from run to run.
/// NOTE: <see cref="Sum"/> and <see cref="Mean"/> reduce the whole tensor in one group,
/// which suits losses and small tensors but leaves most of a GPU idle for large ones.
/// </remarks>
public static class DeviceReductions
{
    private static readonly DeviceKernel<ChannelSumsLauncher> ChannelSumsLauncherKernel =
        new(typeof(DeviceReductions), nameof(ChannelSumsKernel));

    /// <summary>Computes result = the sum of every element of x. result: one element.</summary>
    /// <exception cref="ArgumentException">
    /// result has more than one element, or the devices differ.
    /// </exception>
    public static void Sum(DeviceTensor x, DeviceTensor result) =>
        Whole(nameof(Sum), x, result, mean: false);

    /// <summary>
    /// Computes result = the mean of the elements of x, NaN for an empty x. result: one
    /// element.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// result has more than one element, or the devices differ.
    /// </exception>
    public static void Mean(DeviceTensor x, DeviceTensor result) =>
        Whole(nameof(Mean), x, result, mean: true);

    /// <summary>
    /// Computes result[c] = the sum of x over samples and positions of channel c.
    /// x: (N, C, *) viewed through <paramref name="layout"/>; result: (C).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A length does not match the layout, or the devices differ.
    /// </exception>
    public static void ChannelSums(DeviceTensor x, BatchNormLayout layout, DeviceTensor result)
    {
        const string Op = nameof(ChannelSums);
        DeviceCheck.SameDevice(Op, x, nameof(x), result, nameof(result));
        DeviceCheck.HasLength(Op, x, nameof(x), layout.ElementCount);
        DeviceCheck.HasLength(Op, result, nameof(result), layout.Channels);
        LaunchChannelSums(x.Device, x.View, layout, result.View, 1f);
    }

    /// <summary>
    /// Queues sums[c] = scale * (sum of channel c of x) on views. The caller has checked
    /// the lengths.
    /// </summary>
    internal static void LaunchChannelSums(
        ComputeDevice device, ArrayView<float> x, BatchNormLayout layout, ArrayView<float> sums,
        float scale)
    {
        if (layout.Channels == 0)
        {
            return;
        }

        var config = new KernelConfig(layout.Channels, GroupReduction.GroupSize);
        ChannelSumsLauncherKernel.On(device)(device.Stream, config, x, sums, layout, scale);
    }

    // Shapes: x (N, C, S) as given by layout, sums (C). Grid: C groups of GroupSize threads,
    // group c summing the N * S values of channel c.
    [DeviceKernel(ExplicitlyGrouped = true)]
    internal static void ChannelSumsKernel(
        ArrayView<float> x, ArrayView<float> sums, BatchNormLayout layout, float scale)
    {
        int channel = Grid.IdxX;
        float partial = 0f;
        for (long j = Group.IdxX; j < layout.ValuesPerChannel; j += GroupReduction.GroupSize)
        {
            partial += x[ChannelIndex(layout, channel, j)];
        }

        float total = GroupReduction.Sum(partial);
        if (Group.IsFirstThread)
        {
            sums[channel] = scale * total;
        }
    }

    /// <summary>
    /// Returns the flat index of value <paramref name="j"/> (sample j / S, position j % S)
    /// of <paramref name="channel"/> in an (N, C, S) tensor, in device code.
    /// </summary>
    internal static long ChannelIndex(BatchNormLayout layout, int channel, long j)
    {
        long sample = j / layout.Spatial;
        long position = j - sample * layout.Spatial;
        return (sample * layout.Channels + channel) * layout.Spatial + position;
    }

    private static void Whole(string op, DeviceTensor x, DeviceTensor result, bool mean)
    {
        DeviceCheck.SameDevice(op, x, nameof(x), result, nameof(result));
        DeviceCheck.HasLength(op, result, nameof(result), 1);
        float scale = mean ? 1f / x.Length : 1f;
        var layout = new BatchNormLayout(1, 1, x.Length);
        LaunchChannelSums(x.Device, x.View, layout, result.View, scale);
    }
}
