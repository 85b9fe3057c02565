using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NativeGan.Tensors.Kernels;

/// <summary>Instruction set that the <see cref="Gemm"/> microkernel uses.</summary>
internal enum GemmMicrokernelKind
{
    /// <summary>System.Numerics.Vector&lt;float&gt;, for any hardware.</summary>
    Portable,

    /// <summary>Vector256 with FMA3 (x86 with AVX2 and FMA).</summary>
    Vector256Fma,

    /// <summary>Vector512 with AVX-512F.</summary>
    Vector512,
}

/// <summary>Detection of the microkernels that this machine can run.</summary>
internal static class GemmMicrokernels
{
    /// <summary>Fastest kind that this machine supports, used by the public API.</summary>
    public static GemmMicrokernelKind Best { get; } = SelectBest();

    /// <summary>Kinds that this machine supports, portable first.</summary>
    public static IReadOnlyList<GemmMicrokernelKind> Supported { get; } =
        Enum.GetValues<GemmMicrokernelKind>().Where(IsSupported).ToArray();

    /// <summary>Tests whether this machine can run <paramref name="kind"/>.</summary>
    public static bool IsSupported(GemmMicrokernelKind kind) => kind switch
    {
        GemmMicrokernelKind.Portable => true,
        GemmMicrokernelKind.Vector256Fma => Avx2.IsSupported && Fma.IsSupported,
        GemmMicrokernelKind.Vector512 => Avx512F.IsSupported,
        _ => false,
    };

    // Vector512 is chosen only where the runtime reports it as accelerated, because .NET
    // reports it as not accelerated on CPUs that lower their clock for 512-bit work (a
    // CPUID check in the runtime flags Skylake-X and similar Intel CPUs).
    private static GemmMicrokernelKind SelectBest()
    {
        if (IsSupported(GemmMicrokernelKind.Vector512) && Vector512.IsHardwareAccelerated)
        {
            return GemmMicrokernelKind.Vector512;
        }

        return IsSupported(GemmMicrokernelKind.Vector256Fma)
            ? GemmMicrokernelKind.Vector256Fma
            : GemmMicrokernelKind.Portable;
    }

    /// <summary>Throws unless this machine can run <paramref name="kind"/>.</summary>
    public static void EnsureSupported(GemmMicrokernelKind kind)
    {
        if (!IsSupported(kind))
        {
            throw new PlatformNotSupportedException(
                $"The {kind} GEMM microkernel is not supported on this machine; " +
                $"supported kinds: {string.Join(", ", Supported)}.");
        }
    }
}
