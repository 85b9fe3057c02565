using System.Globalization;

namespace NativeGan.LibTorchBaseline.Measurements;

/// <summary>Memory figures of the current process, read from /proc/self/status (Linux).</summary>
public static class ProcessMemory
{
    private const string StatusPath = "/proc/self/status";

    /// <summary>
    /// Returns the peak resident set size of this process in KiB, the VmHWM line of
    /// /proc/self/status.
    /// </summary>
    public static long ReadPeakResidentKib() => ReadKib("VmHWM:");

    private static long ReadKib(string key)
    {
        if (!File.Exists(StatusPath))
        {
            throw new PlatformNotSupportedException(
                $"{StatusPath} is missing; peak memory is measured on Linux only.");
        }

        foreach (string line in File.ReadLines(StatusPath))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal))
            {
                continue;
            }

            // The line reads "VmHWM:\t  123456 kB", with tabs or spaces after the colon.
            string[] parts = line[key.Length..].Split(
                (char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[1] == "kB" &&
                long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kib))
            {
                return kib;
            }

            throw new FormatException($"Unexpected line in {StatusPath}: '{line}'.");
        }

        throw new FormatException($"{StatusPath} has no '{key}' line.");
    }
}
