using System.Runtime.InteropServices;

namespace NativeGan.GpuCheck;

/// <summary>Everything one run of the GPU check found, as written to results.json.</summary>
/// <param name="StartedUtc">When the run started.</param>
/// <param name="Seconds">Wall time of the whole run, in seconds.</param>
/// <param name="RequestedDevice">The --device value: gpu or cpu-accelerator.</param>
/// <param name="DeviceName">Name of the device that ran the kernels, or null.</param>
/// <param name="DeviceKind">Kind of that device (Cuda or CpuAccelerator), or null.</param>
/// <param name="SelectionReason">Why that device was chosen, or null.</param>
/// <param name="DeviceError">Why no device opened, or null.</param>
/// <param name="Host">The host machine and runtime.</param>
/// <param name="Checks">Kernel comparisons, in the order they ran.</param>
/// <param name="Timings">Timed operations, in the order they ran.</param>
internal sealed record RunResults(
    DateTimeOffset StartedUtc,
    double Seconds,
    string RequestedDevice,
    string? DeviceName,
    string? DeviceKind,
    string? SelectionReason,
    string? DeviceError,
    HostInfo Host,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<TimingResult> Timings)
{
    /// <summary>Whether a device opened, every check passed and every timing ran.</summary>
    public bool Passed =>
        DeviceError is null && Checks.All(c => c.Passed) && Timings.All(t => t.Error is null);
}

/// <summary>The machine and runtime that ran the check.</summary>
/// <param name="OperatingSystem">Operating system description.</param>
/// <param name="Framework">.NET runtime description.</param>
/// <param name="LogicalCores">Logical processors visible to the process.</param>
internal sealed record HostInfo(string OperatingSystem, string Framework, int LogicalCores)
{
    /// <summary>Describes the machine this process runs on.</summary>
    public static HostInfo Current() => new(
        RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
        Environment.ProcessorCount);
}
