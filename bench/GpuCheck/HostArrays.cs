using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>Host arrays for check inputs and error bounds, and their copies on a device.</summary>
internal static class HostArrays
{
    /// <summary>Returns <paramref name="length"/> samples of U(low, high).</summary>
    public static float[] Uniform(Rng rng, int length, float low = -1f, float high = 1f)
    {
        var values = new float[length];
        rng.FillUniform(values, low, high);
        return values;
    }

    /// <summary>Returns the absolute values, to sum |term| through the same kernel.</summary>
    public static float[] Abs(float[] values) => values.Select(Math.Abs).ToArray();

    /// <summary>Copies <paramref name="values"/> to the device as a tensor of that shape.</summary>
    public static DeviceTensor Upload(ComputeDevice device, float[] values, Shape shape) =>
        new Tensor(values, shape).ToDevice(device);

    /// <summary>
    /// Allocates a device tensor filled with NaN, so that an element the kernel fails to
    /// write shows up in the comparison.
    /// </summary>
    public static DeviceTensor NaNs(ComputeDevice device, Shape shape) =>
        Tensor.Full(float.NaN, shape.ToArray()).ToDevice(device);
}
