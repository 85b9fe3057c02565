using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NativeGan.Tensors.Kernels;

/// <summary>
/// Packing buffer of <see cref="Gemm"/>, one per thread, reused across calls and grown
/// when a call needs more, so that a call allocates nothing once the buffer is large enough.
/// </summary>
/// <remarks>
/// The buffer is a pinned array, so its address never changes and the garbage collector
/// frees it when its thread ends. Its largest size is MC x KC + KC x NC + MR x NR floats
/// (1.5 MiB for the Vector512 kernel), and smaller products use less.
/// </remarks>
internal static unsafe class GemmWorkspace
{
    /// <summary>Alignment of the returned pointer in bytes: a cache line, a Vector512.</summary>
    public const int Alignment = 64;

    [ThreadStatic]
    private static float[]? t_buffer;

    /// <summary>
    /// Returns a 64-byte aligned pointer to at least <paramref name="length"/> floats that
    /// belong to the calling thread until its next call of this method.
    /// </summary>
    public static float* Rent(int length)
    {
        int padded = length + Alignment / sizeof(float);
        float[]? buffer = t_buffer;
        if (buffer is null || buffer.Length < padded)
        {
            buffer = GC.AllocateUninitializedArray<float>(padded, pinned: true);
            t_buffer = buffer;
        }

        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)((start + Alignment - 1) & ~(nint)(Alignment - 1));
    }

    /// <summary>Rounds <paramref name="length"/> floats up to whole cache lines.</summary>
    public static int RoundToAlignment(int length)
    {
        const int floatsPerLine = Alignment / sizeof(float);
        return (length + floatsPerLine - 1) / floatsPerLine * floatsPerLine;
    }
}
