using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>
/// Entry point of the GPU check: opens the requested device, compares every device kernel
/// family and a DCGAN training step with the CPU backend, times SGEMM and the step, and
/// writes results.json and results.md.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // Results and logs use '.' as the decimal separator in every locale.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        ParseResult parsed = CheckOptions.CreateCommand(Run).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"error: {error.Message}");
            }

            Console.Error.WriteLine("Run with --help for the options.");
            return ExitCodes.InvalidUsage;
        }

        return parsed.Invoke();
    }

    private static int Run(CheckOptions options)
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        string folder = Path.GetFullPath(options.OutputFolder);
        Console.WriteLine($"GPU check: device {options.DeviceName}, results in {folder}");
        var results = new RunResults(started, 0, options.DeviceName, null, null, null, null,
            HostInfo.Current(), [], []);

        ComputeDevice device;
        try
        {
            device = Open(options.Device);
        }
        catch (Exception error)
        {
            // The one run on a borrowed GPU must leave a record of why no device opened.
            // The expected failure has a complete message; anything else keeps its trace.
            string text = error is GpuNotFoundException ? error.Message : error.ToString();
            Console.Error.WriteLine($"error: could not open device {options.DeviceName}: {text}");
            Finish(folder, results with { DeviceError = text }, clock);
            return ExitCodes.DeviceUnavailable;
        }

        using (device)
        {
            Console.WriteLine($"Device: {device.Name} ({device.Kind})");
            Console.WriteLine($"Selection: {device.SelectionReason}");
            results = results with
            {
                DeviceName = device.Name,
                DeviceKind = device.Kind.ToString(),
                SelectionReason = device.SelectionReason,
            };
            CheckSizes sizes = CheckSizes.For(device.Kind);

            IReadOnlyList<CheckResult> checks = KernelCheckRunner.Run(device, sizes);
            results = results with { Checks = checks };

            // Written now too, so that a crash during the timings keeps the checks.
            Finish(folder, results, clock);

            var timings = new List<TimingResult>();
            timings.AddRange(GemmTiming.Run(device, sizes.TimedGemmSides));
            timings.Add(TrainingStepTiming.Run(device, sizes));
            results = results with { Timings = timings };
        }

        RunResults final = Finish(folder, results, clock);
        int passed = final.Checks.Count(c => c.Passed);
        Console.WriteLine(
            $"{passed} of {final.Checks.Count} checks passed, " +
            $"{final.Timings.Count(t => t.Error is null)} of {final.Timings.Count} timings ran " +
            $"in {final.Seconds:F1} s.");
        return final.Passed ? ExitCodes.Passed : ExitCodes.ChecksFailed;
    }

    private static ComputeDevice Open(CheckDevice device) => device == CheckDevice.Gpu
        ? ComputeDevice.Select(DeviceChoice.Gpu)
        : ComputeDevice.CreateCpuAccelerator();

    // Stamps the elapsed time, writes both files and returns what was written.
    private static RunResults Finish(string folder, RunResults results, Stopwatch clock)
    {
        RunResults stamped = results with { Seconds = clock.Elapsed.TotalSeconds };
        (string json, string markdown) = ResultsWriter.Write(folder, stamped);
        Console.WriteLine($"Wrote {json} and {markdown}");
        return stamped;
    }
}
