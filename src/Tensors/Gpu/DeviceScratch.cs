using ILGPU;
using ILGPU.Runtime;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Reusable device buffers for intermediate results of a launcher, such as the im2col
/// matrix of a convolution, so that repeated calls allocate nothing once the buffers are
/// large enough.
/// </summary>
/// <remarks>
/// A launcher may use several slots at once but must not keep a view after it returns: the
/// next launcher reuses the memory. That is safe because every kernel runs in order on the
/// device's one stream.
/// </remarks>
internal sealed class DeviceScratch : IDisposable
{
    /// <summary>Number of slots, the most buffers one launcher uses at once.</summary>
    public const int SlotCount = 2;

    private readonly Accelerator _accelerator;
    private readonly DeviceMemoryPool _pool;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>?[] _buffers =
        new MemoryBuffer1D<float, Stride1D.Dense>?[SlotCount];

    /// <summary>Creates empty slots on <paramref name="accelerator"/>.</summary>
    public DeviceScratch(Accelerator accelerator, DeviceMemoryPool pool)
    {
        _accelerator = accelerator;
        _pool = pool;
    }

    /// <summary>
    /// Returns <paramref name="length"/> floats of slot <paramref name="slot"/>, growing its
    /// buffer when it is smaller. The contents are undefined.
    /// </summary>
    public ArrayView<float> Get(int slot, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        MemoryBuffer1D<float, Stride1D.Dense>? buffer = _buffers[slot];
        if (buffer is null || buffer.Length < length)
        {
            // Kernels queued earlier may still read the old buffer.
            _accelerator.Synchronize();
            buffer?.Dispose();
            buffer = _pool.AllocateOutsidePool(Math.Max(length, 1));
            _buffers[slot] = buffer;
        }

        return buffer.View.SubView(0, length);
    }

    /// <summary>Frees every buffer.</summary>
    public void Dispose()
    {
        for (int slot = 0; slot < SlotCount; slot++)
        {
            _buffers[slot]?.Dispose();
            _buffers[slot] = null;
        }
    }
}
