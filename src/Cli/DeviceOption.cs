using System.CommandLine;
using Microsoft.Extensions.Logging;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Cli;

/// <summary>
/// The --device option: where the training steps run. The CPU is the default, so that a
/// run's numbers do not depend on whether the machine happens to have a GPU.
/// </summary>
public static class DeviceOption
{
    /// <summary>Creates the option, accepting cpu, gpu and auto.</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>("--device")
        {
            Description = "Where training runs: cpu, gpu (a CUDA GPU through its driver, " +
                "an error when none is usable) or auto (a CUDA GPU when one is usable, else " +
                "the CPU).",
            DefaultValueFactory = _ => "cpu",
        };
        option.AcceptOnlyFromAmong("cpu", "gpu", "auto");
        return option;
    }

    /// <summary>
    /// Opens the device that <paramref name="choice"/> names and logs which device it is
    /// and why it was chosen. The caller disposes it.
    /// </summary>
    /// <exception cref="GpuNotFoundException">gpu was requested and none is usable.</exception>
    public static ComputeDevice Open(string choice, ILogger logger)
    {
        ComputeDevice device = ComputeDevice.Select(DeviceChoices.Parse(choice));
        logger.LogInformation(
            "Device {Device} ({Choice} requested): {Reason}", device.Name, choice,
            device.SelectionReason);
        return device;
    }
}
