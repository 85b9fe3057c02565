using System.Runtime.InteropServices;

namespace NativeGan.LibTorchBaseline.Measurements;

/// <summary>
/// Fixed glibc malloc thresholds for the measurements. libtorch's CPU allocator takes tensor
/// memory from malloc, and glibc serves blocks above M_MMAP_THRESHOLD with mmap and unmaps
/// them on free. A fresh process therefore page-faults on each large tensor until glibc's
/// dynamic threshold has risen, which it does up to 32 MiB on 64-bit systems (mallopt(3)).
/// Fixing both thresholds at that maximum makes each figure independent of which figures ran
/// before it in the same process.
/// </summary>
/// <remarks>
/// Measured on a 2-core AMD EPYC at 1 thread: the g_convt1 forward figure took 18.9 ms in a
/// process that ran only the convolution figures, and 7.5 ms with the fixed thresholds.
/// </remarks>
public static class GlibcMalloc
{
    /// <summary>Size above which glibc serves a block with mmap, in bytes (32 MiB).</summary>
    public const int MmapThresholdBytes = 32 << 20;

    /// <summary>Free memory at the top of the heap that glibc keeps, in bytes (64 MiB).</summary>
    public const int TrimThresholdBytes = 64 << 20;

    // Parameter numbers from glibc's malloc.h.
    private const int TrimThresholdParameter = -1;
    private const int MmapThresholdParameter = -3;

    /// <summary>
    /// Sets both thresholds with mallopt and returns true, or returns false where the C
    /// library is not glibc.
    /// </summary>
    public static bool TryFixThresholds()
    {
        try
        {
            // mallopt returns 1 on success and 0 on error.
            return Mallopt(MmapThresholdParameter, MmapThresholdBytes) == 1 &&
                Mallopt(TrimThresholdParameter, TrimThresholdBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
