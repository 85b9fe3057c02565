namespace NativeGan.Tensors.Gpu;

/// <summary>Explicit copies of host <see cref="Tensor"/>s to a device.</summary>
public static class TensorDeviceExtensions
{
    /// <summary>
    /// Copies <paramref name="tensor"/> into new memory on <paramref name="device"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The device is the host CPU, which keeps tensors as <see cref="Tensor"/>.
    /// </exception>
    public static DeviceTensor ToDevice(this Tensor tensor, ComputeDevice device) =>
        DeviceTensor.FromHost(device, tensor);
}
