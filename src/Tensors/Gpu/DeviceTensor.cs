using ILGPU;
using ILGPU.Runtime;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// A float32 tensor with contiguous row-major storage in the memory of one GPU or
/// CPU-accelerator <see cref="ComputeDevice"/>. Data moves between host and device only
/// through explicit copies: <see cref="TensorDeviceExtensions.ToDevice"/>,
/// <see cref="ToHost"/>, <see cref="CopyFromHost"/> and <see cref="CopyToHost"/>.
/// </summary>
/// <remarks>
/// Kernels run asynchronously in order on the device's stream, and copies to the host wait
/// for them. The storage comes from the device's caching pool and goes back to it when the
/// tensor is disposed or finalized, so tensors need not be disposed.
/// <see cref="Reshape"/> returns a view that shares the storage and keeps it alive; a view
/// becomes invalid when the tensor that owns the storage is disposed.
/// </remarks>
public sealed class DeviceTensor : IDisposable
{
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _buffer;
    private readonly DeviceTensor? _owner;
    private bool _disposed;

    private DeviceTensor(
        ComputeDevice device, Shape shape, MemoryBuffer1D<float, Stride1D.Dense> buffer,
        DeviceTensor? owner)
    {
        Device = device;
        Shape = shape;
        _buffer = buffer;
        _owner = owner;
        if (owner is not null)
        {
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Returns the storage of a tensor that was never disposed to its pool.</summary>
    ~DeviceTensor() => ReleaseStorage();

    /// <summary>Device whose memory stores the values.</summary>
    public ComputeDevice Device { get; }

    /// <summary>Dimensions of the tensor.</summary>
    public Shape Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Length => Shape.ElementCount;

    /// <summary>Whether this tensor is a view created by <see cref="Reshape"/>.</summary>
    public bool IsView => _owner is not null;

    /// <summary>Device memory of the values, for kernel launches.</summary>
    /// <exception cref="ObjectDisposedException">
    /// The tensor or the tensor it views was disposed.
    /// </exception>
    internal ArrayView<float> View
    {
        get
        {
            ThrowIfDisposed();
            return _buffer.View.SubView(0, Length);
        }
    }

    /// <summary>Allocates a tensor of zeros on <paramref name="device"/>.</summary>
    /// <exception cref="InvalidOperationException">The device is the host CPU.</exception>
    public static DeviceTensor Zeros(ComputeDevice device, Shape shape)
    {
        DeviceTensor tensor = Uninitialized(device, shape);

        // ILGPU 1.5.3 allocates empty buffers but throws on copies and memsets of empty
        // views, so an empty tensor clears one unused element and its copies do nothing.
        tensor._buffer.View.SubView(0, Math.Max(shape.ElementCount, 1))
            .MemSetToZero(device.Stream);
        return tensor;
    }

    /// <summary>
    /// Allocates a tensor whose values are undefined, for an output that the next kernel
    /// writes in full, which saves the memset of <see cref="Zeros(ComputeDevice, Shape)"/>.
    /// </summary>
    internal static DeviceTensor Uninitialized(ComputeDevice device, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(device);
        _ = device.Accelerator;
        var buffer = device.Memory.Rent(shape.ElementCount);
        return new DeviceTensor(device, shape, buffer, null);
    }

    /// <summary>Allocates a tensor of zeros on <paramref name="device"/>.</summary>
    public static DeviceTensor Zeros(ComputeDevice device, params int[] shape) =>
        Zeros(device, new Shape(shape));

    /// <summary>Copies the values into a new host tensor, waiting for queued kernels.</summary>
    public Tensor ToHost()
    {
        var tensor = new Tensor(Shape);
        CopyToHost(tensor);
        return tensor;
    }

    /// <summary>
    /// Copies the values into <paramref name="destination"/>, which must have the same shape.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyToHost(Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        CheckHostShape(destination, nameof(CopyToHost), nameof(destination));
        ThrowIfDisposed();
        if (Length > 0)
        {
            View.CopyToCPU(Device.Stream, destination.AsSpan());
        }
    }

    /// <summary>
    /// Copies the values of <paramref name="source"/>, which must have the same shape.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyFromHost(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckHostShape(source, nameof(CopyFromHost), nameof(source));
        ThrowIfDisposed();
        if (Length > 0)
        {
            View.CopyFromCPU(Device.Stream, (ReadOnlySpan<float>)source.AsSpan());
        }
    }

    /// <summary>Copies the values of another tensor of the same shape on the same device.</summary>
    /// <exception cref="ArgumentException">The devices or shapes differ.</exception>
    public void CopyFrom(DeviceTensor source)
    {
        DeviceCheck.SameDevice(nameof(CopyFrom), this, "destination", source, nameof(source));
        DeviceCheck.SameShape(nameof(CopyFrom), this, "destination", source, nameof(source));
        ThrowIfDisposed();
        source.ThrowIfDisposed();
        if (Length > 0)
        {
            source.View.CopyTo(Device.Stream, View);
        }
    }

    /// <summary>Sets every element to zero.</summary>
    public void Clear()
    {
        ThrowIfDisposed();
        if (Length > 0)
        {
            View.MemSetToZero(Device.Stream);
        }
    }

    /// <summary>
    /// Returns a view with a new shape of the same element count over the same storage.
    /// </summary>
    /// <exception cref="ArgumentException">The element counts differ.</exception>
    public DeviceTensor Reshape(params int[] shape)
    {
        var target = new Shape(shape);
        if (target.ElementCount != Length)
        {
            throw new ArgumentException(
                $"Cannot reshape device tensor {Shape} ({Length} elements) to {target} " +
                $"({target.ElementCount} elements).", nameof(shape));
        }

        ThrowIfDisposed();
        return new DeviceTensor(Device, target, _buffer, _owner ?? this);
    }

    /// <summary>
    /// Returns the storage to the device's pool for reuse. Disposing a view returns nothing.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        GC.SuppressFinalize(this);
        ReleaseStorage();
    }

    /// <summary>Describes the tensor by its shape and device, for debugging.</summary>
    public override string ToString() => $"DeviceTensor{Shape} on {Device.Name}";

    private void ReleaseStorage()
    {
        if (_owner is null)
        {
            Device.ReturnStorage(_buffer);
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed || _owner is { _disposed: true })
        {
            throw new ObjectDisposedException(
                nameof(DeviceTensor),
                $"Device tensor {Shape} on {Device.Name} was used after " +
                (_disposed
                    ? "it was disposed."
                    : "the tensor whose storage it views was disposed."));
        }

        if (Device.IsDisposed)
        {
            throw new ObjectDisposedException(
                nameof(DeviceTensor),
                $"Device tensor {Shape} was used after its device {Device.Name} was disposed, " +
                "which freed its memory. Copy tensors to the host with To(ComputeDevice.Cpu) " +
                "before disposing the device.");
        }
    }

    private void CheckHostShape(Tensor host, string op, string parameterName)
    {
        if (host.Shape != Shape)
        {
            throw new ArgumentException(
                $"{op}: host tensor has shape {host.Shape} but device tensor has shape " +
                $"{Shape}, but they must be equal.", parameterName);
        }
    }

    /// <summary>
    /// Creates a device tensor with a copy of <paramref name="source"/>'s values.
    /// </summary>
    internal static DeviceTensor FromHost(ComputeDevice device, Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        DeviceTensor tensor = Zeros(device, source.Shape);
        tensor.CopyFromHost(source);
        return tensor;
    }
}
