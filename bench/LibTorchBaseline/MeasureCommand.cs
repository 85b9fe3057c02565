using NativeGan.LibTorchBaseline.Figures;
using NativeGan.LibTorchBaseline.Measurements;
using NativeGan.LibTorchBaseline.Models;
using TorchSharp;

namespace NativeGan.LibTorchBaseline;

/// <summary>
/// The <c>measure</c> command: measures every selected figure group at each thread count,
/// prints a table on standard output and writes the figures as JSON.
/// </summary>
public static class MeasureCommand
{
    /// <summary>Figure groups, selectable with <c>--figures</c>.</summary>
    public static readonly string[] Groups = ["mlp", "dcgan", "mm", "conv", "memory"];

    private static readonly int[] StepBatches = [64, 128];
    private static readonly int[] MatMulSizes = [256, 512, 1024, 2048];
    private const int ConvBatch = 128;
    private const int MemoryBatch = 128;
    private const long Seed = 42;

    /// <summary>Runs the command with its options and returns the exit code.</summary>
    public static int Run(CommandLine options)
    {
        var threadCounts = options.GetPositiveInts("--threads", "2,1");
        var settings = new MeasurementSettings(
            options.GetPositiveInt("--warmup", 5),
            options.GetPositiveInt("--repetitions", 30),
            options.GetPositiveInt("--memory-steps", 50));
        string output = options.GetString("--output", "libtorch-figures.json");
        var groups = ParseGroups(options.GetString("--figures", string.Join(',', Groups)));
        options.RejectUnread("measure");
        bool fixedMalloc = GlibcMalloc.TryFixThresholds();

        // TorchSharp reports libtorch 2.10.0 as "2.10.0.0".
        string libTorchVersion = Version.TryParse(torch.__version__, out Version? version)
            ? version.ToString(3)
            : torch.__version__;
        string engine = $"libtorch {libTorchVersion} (TorchSharp " +
            $"{typeof(torch).Assembly.GetName().Version?.ToString(3)})";
        Console.Error.WriteLine($"{engine}; threads {string.Join(", ", threadCounts)}; " +
            $"{settings.Warmup} warm-up and {settings.Repetitions} timed calls per figure");

        var figures = new List<Figure>();
        foreach (int threads in threadCounts)
        {
            torch.set_num_threads(threads);
            foreach (var measure in SelectMeasurements(groups, threads, settings))
            {
                torch.manual_seed(Seed);
                foreach (Figure figure in measure())
                {
                    figures.Add(figure);
                    Console.Error.WriteLine(
                        $"{figure.Name,-40} threads {figure.Threads}  " +
                        $"{FigureTable.FormatValue(figure.Value),9} {figure.Unit}");
                }
            }
        }

        var file = new FigureFile(
            engine,
            DateTimeOffset.UtcNow,
            MachineInfo.Current(),
            $"float32 on the CPU; time figures are the median of {settings.Repetitions} " +
            $"calls after {settings.Warmup} warm-up calls; peak memory is VmHWM of a fresh " +
            $"process after {settings.MemorySteps} DCGAN training steps; " +
            (fixedMalloc
                ? "glibc malloc thresholds fixed at 32 MiB (mmap) and 64 MiB (trim)"
                : "malloc thresholds left at their defaults (not glibc)"),
            figures);
        file.Write(output);

        Console.Write(FigureTable.Format(figures));
        Console.WriteLine($"Figures written to {Path.GetFullPath(output)}");
        return 0;
    }

    /// <summary>
    /// The <c>peak-memory</c> command, run by <see cref="PeakMemoryFigures"/> in a child
    /// process: trains the DCGAN and prints its VmHWM.
    /// </summary>
    public static int RunPeakMemory(CommandLine options)
    {
        int threads = options.GetPositiveInt("--threads", 2);
        int batch = options.GetPositiveInt("--batch", MemoryBatch);
        int steps = options.GetPositiveInt("--memory-steps", 50);
        options.RejectUnread("peak-memory");
        GlibcMalloc.TryFixThresholds();

        torch.set_num_threads(threads);
        torch.manual_seed(Seed);
        long kib = PeakMemoryFigures.RunAndReadPeak(batch, steps);
        Console.WriteLine($"{PeakMemoryFigures.OutputPrefix}{kib}");
        return 0;
    }

    private static HashSet<string> ParseGroups(string text)
    {
        var groups = text.Split(',', StringSplitOptions.RemoveEmptyEntries |
            StringSplitOptions.TrimEntries).ToHashSet();
        var unknown = groups.Except(Groups).ToArray();
        if (unknown.Length > 0 || groups.Count == 0)
        {
            throw new UsageException(
                $"--figures takes a comma-separated list of {string.Join(", ", Groups)}; " +
                $"got '{text}'.");
        }

        return groups;
    }

    private static IEnumerable<Func<IEnumerable<Figure>>> SelectMeasurements(
        HashSet<string> groups, int threads, MeasurementSettings settings)
    {
        if (groups.Contains("mlp"))
        {
            foreach (int batch in StepBatches)
            {
                yield return () => [StepFigures.MeasureMlpGan(batch, threads, settings)];
            }
        }

        if (groups.Contains("dcgan"))
        {
            foreach (int batch in StepBatches)
            {
                yield return () => [StepFigures.MeasureDcgan(batch, threads, settings)];
            }
        }

        if (groups.Contains("mm"))
        {
            foreach (int size in MatMulSizes)
            {
                yield return () => [MatMulFigures.Measure(size, threads, settings)];
            }
        }

        if (groups.Contains("conv"))
        {
            foreach (var layer in DcganNetworks.ConvLayers)
            {
                yield return () => ConvLayerFigures.Measure(layer, ConvBatch, threads, settings);
            }
        }

        if (groups.Contains("memory"))
        {
            yield return () => [PeakMemoryFigures.Measure(MemoryBatch, threads, settings)];
        }
    }
}
