using NativeGan.LibTorchBaseline.Comparison;
using NativeGan.LibTorchBaseline.Figures;

namespace NativeGan.LibTorchBaseline;

/// <summary>
/// The <c>compare</c> command: prints libtorch's and NativeGan's figures side by side with
/// the ratio NativeGan / libtorch. It does not load libtorch.
/// </summary>
public static class CompareCommand
{
    /// <summary>Runs the command with its options and returns the exit code.</summary>
    public static int Run(CommandLine options)
    {
        string libTorchPath = options.GetString("--libtorch", "");
        var nativeGanPaths = options.GetAll("--nativegan");
        options.RejectUnread("compare");
        if (libTorchPath.Length == 0)
        {
            throw new UsageException("compare needs --libtorch FILE, the output of measure.");
        }

        if (nativeGanPaths.Count == 0)
        {
            throw new UsageException(
                "compare needs at least one --nativegan PATH (a report, a figure file or a folder).");
        }

        if (!File.Exists(libTorchPath))
        {
            Console.Error.WriteLine(
                $"error: libtorch figures not found at '{libTorchPath}'; run the measure " +
                "command first.");
            return 1;
        }

        FigureFile libTorch = FigureFile.Read(libTorchPath);
        NativeGanFigureSource nativeGan;
        try
        {
            nativeGan = NativeGanFigureSource.Read(nativeGanPaths);
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }

        Console.WriteLine($"libtorch:  {libTorch.Engine}, measured {libTorch.CreatedUtc:u}");
        Console.WriteLine($"           {libTorch.Machine.Processor}, " +
            $"{libTorch.Machine.LogicalCores} logical cores, glibc {libTorch.Machine.Glibc}");
        Console.WriteLine($"NativeGan: {nativeGan.Figures.Count} figure(s) from " +
            (nativeGan.Files.Count == 0 ? "no file" : string.Join(", ", nativeGan.Files)));
        foreach (string skipped in nativeGan.Skipped)
        {
            Console.WriteLine($"           no result for {skipped}");
        }

        Console.WriteLine();
        Console.Write(ComparisonTable.Format(nativeGan.Figures, libTorch.Figures));
        Console.WriteLine();
        Console.WriteLine("ratio = NativeGan / libtorch. For ms and MiB a ratio above 1 means " +
            "NativeGan takes longer or uses more memory; for GFLOP/s a ratio below 1 means " +
            "NativeGan is slower.");
        return 0;
    }

    /// <summary>
    /// The <c>benchmark-filters</c> command: prints one BenchmarkDotNet filter pattern per
    /// mapped NativeGan benchmark method, such as <c>*.GemmBenchmarks.Multiply</c>.
    /// </summary>
    public static int PrintBenchmarkFilters(CommandLine options)
    {
        options.RejectUnread("benchmark-filters");
        foreach (var rule in NativeGanBenchmarkRules.All)
        {
            Console.WriteLine($"*.{rule.Type}.{rule.Method}");
        }

        return 0;
    }
}
