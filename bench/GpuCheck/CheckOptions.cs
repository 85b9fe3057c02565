using System.CommandLine;

namespace NativeGan.GpuCheck;

/// <summary>Device that the check runs the kernels on.</summary>
internal enum CheckDevice
{
    /// <summary>
    /// The first usable CUDA GPU, selected by ComputeDevice.Select(DeviceChoice.Gpu).
    /// </summary>
    Gpu,

    /// <summary>ILGPU's CPU accelerator, for a dry run of the harness without a GPU.</summary>
    CpuAccelerator,
}

/// <summary>Command-line options of the GPU check.</summary>
/// <param name="Device">Device that runs the kernels.</param>
/// <param name="OutputFolder">Folder that receives results.json and results.md.</param>
internal sealed record CheckOptions(CheckDevice Device, string OutputFolder)
{
    /// <summary>Command-line text of <see cref="CheckDevice.Gpu"/>.</summary>
    public const string GpuName = "gpu";

    /// <summary>Command-line text of <see cref="CheckDevice.CpuAccelerator"/>.</summary>
    public const string CpuAcceleratorName = "cpu-accelerator";

    /// <summary>Text form of <see cref="Device"/>, as given on the command line.</summary>
    public string DeviceName => Device == CheckDevice.Gpu ? GpuName : CpuAcceleratorName;

    /// <summary>
    /// Creates the root command, which parses --device and --out and passes them to
    /// <paramref name="run"/>, whose return value becomes the exit code.
    /// </summary>
    public static RootCommand CreateCommand(Func<CheckOptions, int> run)
    {
        var device = new Option<string>("--device")
        {
            Description = $"Device that runs the kernels: {GpuName} (a CUDA GPU, or exit " +
                $"code {ExitCodes.DeviceUnavailable}) or {CpuAcceleratorName} (ILGPU's CPU " +
                "accelerator, a slow dry run with small sizes).",
            Required = true,
        };
        device.AcceptOnlyFromAmong(GpuName, CpuAcceleratorName);
        var output = new Option<string>("--out")
        {
            Description = "Folder for results.json and results.md; created if missing.",
            DefaultValueFactory = _ => "gpu-check-results",
        };
        var command = new RootCommand(
            "Compares NativeGan's device kernels with its CPU kernels on random inputs of " +
            "odd sizes, times SGEMM, and writes results.json and results.md. Exit codes: " +
            $"{ExitCodes.Passed} all checks passed, {ExitCodes.ChecksFailed} a check or timing " +
            $"failed, {ExitCodes.InvalidUsage} invalid usage, {ExitCodes.DeviceUnavailable} " +
            "no usable device.")
        {
            device,
            output,
        };
        command.SetAction(parsed =>
        {
            CheckDevice chosen = parsed.GetValue(device) == GpuName
                ? CheckDevice.Gpu
                : CheckDevice.CpuAccelerator;
            return run(new CheckOptions(chosen, parsed.GetValue(output)!));
        });
        return command;
    }
}
