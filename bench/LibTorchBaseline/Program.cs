namespace NativeGan.LibTorchBaseline;

/// <summary>
/// Entry point of the libtorch baseline: measures NativeGan's reference models and kernels
/// with libtorch through TorchSharp, or compares such figures with NativeGan's.
/// </summary>
public static class Program
{
    private const string Usage = """
        usage:
          LibTorchBaseline [measure] [--threads 2,1] [--warmup 5] [--repetitions 30]
                           [--memory-steps 50] [--figures mlp,dcgan,mm,conv,memory]
                           [--output libtorch-figures.json]
          LibTorchBaseline compare --libtorch FILE --nativegan PATH [--nativegan PATH ...]
          LibTorchBaseline benchmark-filters

        measure   times each figure at each thread count (torch.set_num_threads), prints a
                  table and writes the figures as JSON to --output.
        compare   prints each figure of both engines side by side with the ratio
                  NativeGan / libtorch. --libtorch is a file written by measure; --nativegan
                  is a BenchmarkDotNet JSON report (--exporters json), a figure file, or a
                  folder searched for both.
        benchmark-filters
                  prints the BenchmarkDotNet --filter patterns of the NativeGan benchmarks
                  that compare maps to figures, one per line.
        """;

    /// <summary>Runs the command that the arguments name and returns its exit code.</summary>
    public static int Main(string[] args)
    {
        try
        {
            if (args is ["--help" or "-h" or "help", ..])
            {
                Console.WriteLine(Usage);
                return 0;
            }

            bool named = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal);
            string command = named ? args[0] : "measure";
            var options = new CommandLine(named ? args[1..] : args);
            return command switch
            {
                "measure" => MeasureCommand.Run(options),
                "peak-memory" => MeasureCommand.RunPeakMemory(options),
                "compare" => CompareCommand.Run(options),
                "benchmark-filters" => CompareCommand.PrintBenchmarkFilters(options),
                _ => throw new UsageException($"Unknown command '{command}'."),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }
}
