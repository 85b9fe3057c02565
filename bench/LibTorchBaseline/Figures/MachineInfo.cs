using System.Runtime.InteropServices;

namespace NativeGan.LibTorchBaseline.Figures;

/// <summary>The machine and C library that a set of figures was measured on.</summary>
/// <param name="Processor">Model name from /proc/cpuinfo, or "unknown".</param>
/// <param name="LogicalCores">Logical cores that .NET reports.</param>
/// <param name="OperatingSystem">Operating system description from .NET.</param>
/// <param name="Glibc">Version of the GNU C library loaded in the process, or "unknown".</param>
public sealed record MachineInfo(
    string Processor, int LogicalCores, string OperatingSystem, string Glibc)
{
    /// <summary>Describes the machine this process runs on.</summary>
    public static MachineInfo Current() => new(
        ReadProcessorName(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        ReadGlibcVersion());

    private static string ReadProcessorName()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return "unknown";
        }

        string? line = File.ReadLines(cpuInfo)
            .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static string ReadGlibcVersion()
    {
        try
        {
            return Marshal.PtrToStringUTF8(GnuGetLibcVersion()) ?? "unknown";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc, for example musl or macOS.
            return "unknown";
        }
    }

    [DllImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static extern IntPtr GnuGetLibcVersion();
}
