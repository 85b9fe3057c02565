using System.Diagnostics;
using System.Globalization;
using NativeGan.LibTorchBaseline.Figures;
using NativeGan.LibTorchBaseline.Models;
using static TorchSharp.torch;

namespace NativeGan.LibTorchBaseline.Measurements;

/// <summary>
/// Peak resident set size of a DCGAN training run. VmHWM never decreases, so each run
/// happens in a fresh child process of this program (the <c>peak-memory</c> command); the
/// figure counts everything that process maps and touches: the .NET runtime, libtorch's
/// code, the networks, the optimizer states and the activations.
/// </summary>
public static class PeakMemoryFigures
{
    /// <summary>Prefix of the line through which the child process reports VmHWM.</summary>
    public const string OutputPrefix = "vm_hwm_kib=";

    /// <summary>Measures the peak memory of a run in a child process.</summary>
    public static Figure Measure(int batch, int threads, MeasurementSettings settings)
    {
        var startInfo = new ProcessStartInfo(Environment.ProcessPath ??
            throw new InvalidOperationException("The path of this program is unknown."))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Under `dotnet LibTorchBaseline.dll` the process is the dotnet host, which needs the
        // assembly path first. The environment, LD_LIBRARY_PATH included, is inherited.
        if (Path.GetFileNameWithoutExtension(startInfo.FileName) == "dotnet")
        {
            startInfo.ArgumentList.Add(typeof(PeakMemoryFigures).Assembly.Location);
        }

        foreach (string argument in new[]
        {
            "peak-memory",
            "--threads", threads.ToString(CultureInfo.InvariantCulture),
            "--batch", batch.ToString(CultureInfo.InvariantCulture),
            "--memory-steps", settings.MemorySteps.ToString(CultureInfo.InvariantCulture),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var child = Process.Start(startInfo) ??
            throw new InvalidOperationException($"Failed to start '{startInfo.FileName}'.");
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The peak-memory run exited with code {child.ExitCode}; its output: {output}");
        }

        string? line = output.Split('\n').FirstOrDefault(l => l.StartsWith(OutputPrefix));
        if (line is null ||
            !long.TryParse(line[OutputPrefix.Length..], CultureInfo.InvariantCulture, out long kib))
        {
            throw new FormatException(
                $"The peak-memory run printed no '{OutputPrefix}N' line; its output: {output}");
        }

        return new Figure(
            FigureNames.DcganPeakMemory(batch), threads, kib / 1024.0, FigureUnits.Mebibytes);
    }

    /// <summary>
    /// Trains the DCGAN for <paramref name="steps"/> steps in this process and returns its
    /// VmHWM in KiB. Called in the child process.
    /// </summary>
    public static long RunAndReadPeak(int batch, int steps)
    {
        using var generator = DcganNetworks.CreateGenerator();
        using var discriminator = DcganNetworks.CreateDiscriminator();
        using var step = StepFigures.CreateDcganStep(generator, discriminator, batch);
        using Tensor real = StepFigures.UniformImages(batch, 1, 28, 28);
        for (int i = 0; i < steps; i++)
        {
            step.Run(real);
        }

        return ProcessMemory.ReadPeakResidentKib();
    }
}
