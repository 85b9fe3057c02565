using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors;

public sealed partial class Tensor
{
    // Exactly one of the two is set. Both change together only in MoveTo.
    private float[]? _data;
    private DeviceTensor? _deviceStorage;

    /// <summary>Wraps device storage without copying; the tensor takes its shape.</summary>
    public Tensor(DeviceTensor storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Shape = storage.Shape;
        _deviceStorage = storage;
    }

    /// <summary>
    /// Device whose memory stores the values: <see cref="ComputeDevice.Cpu"/> for host tensors.
    /// </summary>
    public ComputeDevice Device => _deviceStorage?.Device ?? ComputeDevice.Cpu;

    /// <summary>Whether the values live in a device's memory rather than on the host.</summary>
    public bool IsOnDevice => _deviceStorage is not null;

    /// <summary>Device storage, for the device kernels.</summary>
    /// <exception cref="InvalidOperationException">The tensor lives on the host.</exception>
    public DeviceTensor DeviceStorage => _deviceStorage ?? throw new InvalidOperationException(
        $"Tensor{Shape} lives on the host, but a device kernel needs it in device memory. " +
        "Copy it with To(device) first.");

    /// <summary>Creates a tensor of zeros on <paramref name="device"/>.</summary>
    public static Tensor Zeros(ComputeDevice device, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.HasDeviceMemory
            ? new Tensor(DeviceTensor.Zeros(device, shape))
            : new Tensor(shape);
    }

    /// <summary>
    /// Creates a tensor with undefined values on a device with memory, for an output that
    /// the next kernel writes in full. On the host it creates a tensor of zeros.
    /// </summary>
    internal static Tensor Uninitialized(ComputeDevice device, Shape shape) =>
        device.HasDeviceMemory
            ? new Tensor(DeviceTensor.Uninitialized(device, shape))
            : new Tensor(shape);

    /// <summary>
    /// Creates a tensor of zeros with the shape and device of <paramref name="like"/>.
    /// </summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like.Device, like.Shape);

    /// <summary>
    /// Creates a tensor filled with <paramref name="value"/> on <paramref name="device"/>.
    /// </summary>
    public static Tensor Full(ComputeDevice device, float value, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(device);
        var tensor = Zeros(device, shape);
        if (!tensor.IsOnDevice)
        {
            tensor.Data.AsSpan().Fill(value);
        }
        else if (value != 0f)
        {
            // Filled by a kernel: a copy from the host would wait for the queued kernels.
            DeviceElementwise.AddScalar(tensor.DeviceStorage, value, tensor.DeviceStorage);
        }

        return tensor;
    }

    /// <summary>
    /// Returns this tensor when it already lives on <paramref name="device"/>, else a copy
    /// there, as torch's Tensor.to(device).
    /// </summary>
    public Tensor To(ComputeDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (ReferenceEquals(device, Device) ||
            (!device.HasDeviceMemory && _deviceStorage is null))
        {
            return this;
        }

        var copy = Zeros(device, Shape);
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>
    /// Moves the storage to <paramref name="device"/> in place, so that every holder of this
    /// tensor (a module, an optimizer) finds it there. Views made earlier by
    /// <see cref="Reshape"/> keep the old storage.
    /// </summary>
    public void MoveTo(ComputeDevice device)
    {
        Tensor moved = To(device);
        if (ReferenceEquals(moved, this))
        {
            return;
        }

        _data = moved._data;
        _deviceStorage = moved._deviceStorage;
    }

    private InvalidOperationException NotOnHost() => new(
        $"Tensor{Shape} lives on {Device.Name}, and this operation reads host memory: it has " +
        "no device kernel. Copy the tensor with To(ComputeDevice.Cpu), or run it on the CPU.");
}
