using ILGPU;
using ILGPU.Runtime;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Caching allocator of one device's tensor storage, in the spirit of PyTorch's CUDA
/// caching allocator. A released buffer waits in a free list for the next tensor of the
/// same size class, so a training loop whose shapes repeat stops allocating after its first
/// step. Above 256 floats, a size class is at most 25% larger than the request, so that
/// batches of varying size share buffers.
/// </summary>
/// <remarks>
/// A <see cref="DeviceTensor"/> returns its buffer when it is disposed or, failing that,
/// when the garbage collector finalizes it. The collector tracks only the small managed
/// objects, not the device memory behind them, so when the storage in use grows past
/// <see cref="CollectThresholdBytes"/> the pool runs a full collection and waits for the
/// finalizers before it allocates more. Every buffer stays referenced here until the pool
/// frees it, on disposal or on an allocation that runs out of memory. So a finalizer only
/// moves a buffer to the free list and never frees memory on the finalizer thread. Reuse is
/// safe without waiting for the device: every kernel and
/// copy of a device runs in order on its one stream.
/// </remarks>
internal sealed class DeviceMemoryPool : IDisposable
{
    private const long MinCollectThresholdBytes = 256L << 20;

    private readonly Accelerator _accelerator;
    private readonly Dictionary<long, Stack<MemoryBuffer1D<float, Stride1D.Dense>>> _free = [];
    private readonly List<MemoryBuffer1D<float, Stride1D.Dense>> _all = [];
    private readonly Lock _lock = new();
    private long _bytesInUse;
    private bool _disposed;

    public DeviceMemoryPool(Accelerator accelerator, long collectThresholdBytes)
    {
        _accelerator = accelerator;
        CollectThresholdBytes = Math.Max(collectThresholdBytes, MinCollectThresholdBytes);
    }

    /// <summary>
    /// Bytes of storage in use above which an allocation first collects released tensors.
    /// It doubles when a collection frees too little, so a large working set does not
    /// collect on every allocation.
    /// </summary>
    public long CollectThresholdBytes { get; private set; }

    /// <summary>Bytes of storage rented and not yet returned by disposal or finalization.</summary>
    public long BytesInUse
    {
        get
        {
            lock (_lock)
            {
                return _bytesInUse;
            }
        }
    }

    /// <summary>Bytes of device memory the pool holds, in use or free.</summary>
    public long BytesReserved
    {
        get
        {
            lock (_lock)
            {
                return _all.Sum(buffer => buffer.LengthInBytes);
            }
        }
    }

    /// <summary>
    /// Returns a buffer of at least <paramref name="length"/> floats, reused when one of its
    /// size class is free. Its contents are undefined.
    /// </summary>
    public MemoryBuffer1D<float, Stride1D.Dense> Rent(long length)
    {
        length = SizeClass(length);
        long bytes = length * sizeof(float);
        if (TryTakeFree(length, bytes, out var buffer))
        {
            return buffer;
        }

        if (BytesInUse + bytes > CollectThresholdBytes)
        {
            // Finalizers of unreachable tensors return their buffers to the free lists.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (TryTakeFree(length, bytes, out buffer))
            {
                return buffer;
            }

            lock (_lock)
            {
                if (_bytesInUse + bytes > CollectThresholdBytes)
                {
                    CollectThresholdBytes = 2 * (_bytesInUse + bytes);
                }
            }
        }

        buffer = Allocate(length);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _all.Add(buffer);
            _bytesInUse += bytes;
        }

        return buffer;
    }

    /// <summary>
    /// Puts a buffer from <see cref="Rent"/> back on its free list. It does nothing after
    /// the pool was disposed, so finalizers that run late are harmless.
    /// </summary>
    public void Return(MemoryBuffer1D<float, Stride1D.Dense> buffer)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (!_free.TryGetValue(buffer.Length, out var stack))
            {
                stack = new Stack<MemoryBuffer1D<float, Stride1D.Dense>>();
                _free.Add(buffer.Length, stack);
            }

            stack.Push(buffer);
            _bytesInUse -= buffer.LengthInBytes;
        }
    }

    /// <summary>Frees every buffer, in use or not.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var buffer in _all)
            {
                buffer.Dispose();
            }

            _all.Clear();
            _free.Clear();
            _bytesInUse = 0;
        }
    }

    /// <summary>
    /// Rounds a request up to its size class: 256 floats at least, then 4 classes per power
    /// of two (1, 1.25, 1.5 and 1.75 times it).
    /// </summary>
    internal static long SizeClass(long length)
    {
        const long Smallest = 256;
        if (length <= Smallest)
        {
            return Smallest;
        }

        long power = 1L << (63 - (int)long.LeadingZeroCount(length));
        long step = power / 4;
        return (length + step - 1) / step * step;
    }

    /// <summary>
    /// Allocates a buffer that the pool does not track, such as a scratch buffer, with the
    /// same retry after freeing the cache when the device is out of memory.
    /// </summary>
    public MemoryBuffer1D<float, Stride1D.Dense> AllocateOutsidePool(long length) =>
        Allocate(length);

    // Allocates from the device. When it is out of memory, the cached free buffers and those
    // of unreachable tensors are freed, and the allocation is tried once more.
    private MemoryBuffer1D<float, Stride1D.Dense> Allocate(long length)
    {
        try
        {
            return _accelerator.Allocate1D<float>(length);
        }
        catch (Exception error) when (error is OutOfMemoryException or AcceleratorException)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            FreeCachedBuffers();
            return _accelerator.Allocate1D<float>(length);
        }
    }

    private void FreeCachedBuffers()
    {
        lock (_lock)
        {
            foreach (var stack in _free.Values)
            {
                foreach (var buffer in stack)
                {
                    _all.Remove(buffer);
                    buffer.Dispose();
                }
            }

            _free.Clear();
        }
    }

    private bool TryTakeFree(
        long length, long bytes, out MemoryBuffer1D<float, Stride1D.Dense> buffer)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_free.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                buffer = stack.Pop();
                _bytesInUse += bytes;
                return true;
            }
        }

        buffer = null!;
        return false;
    }
}
