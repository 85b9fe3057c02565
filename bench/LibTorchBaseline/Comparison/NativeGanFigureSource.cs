using System.Text.Json;
using NativeGan.LibTorchBaseline.Figures;

namespace NativeGan.LibTorchBaseline.Comparison;

/// <summary>
/// NativeGan's figures, gathered from BenchmarkDotNet JSON reports and figure files. A folder
/// is searched recursively for *.json files; JSON files of other kinds are ignored.
/// </summary>
public sealed class NativeGanFigureSource
{
    private NativeGanFigureSource(
        IReadOnlyList<Figure> figures, IReadOnlyList<string> files, IReadOnlyList<string> skipped)
    {
        Figures = figures;
        Files = files;
        Skipped = skipped;
    }

    /// <summary>The figures, later files overriding earlier ones for the same name and threads.</summary>
    public IReadOnlyList<Figure> Figures { get; }

    /// <summary>Files that contributed at least one figure.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Mapped benchmark cases that had no result, such as failed cases.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>Reads every figure under <paramref name="paths"/> (files or folders).</summary>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public static NativeGanFigureSource Read(IEnumerable<string> paths)
    {
        var figures = new Dictionary<(string Name, int Threads), Figure>();
        var files = new List<string>();
        var skipped = new List<string>();
        foreach (string file in paths.SelectMany(ExpandPath))
        {
            bool added = false;
            foreach (Figure figure in ReadFile(file, skipped))
            {
                figures[(figure.Name, figure.Threads)] = figure;
                added = true;
            }

            if (added)
            {
                files.Add(file);
            }
        }

        return new NativeGanFigureSource(figures.Values.ToList(), files, skipped);
    }

    private static IEnumerable<string> ExpandPath(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal);
        }

        if (File.Exists(path))
        {
            return [path];
        }

        throw new FileNotFoundException(
            $"NativeGan results not found at '{path}'; pass a BenchmarkDotNet JSON report, " +
            "a figure file or a folder that contains them.", path);
    }

    private static IEnumerable<Figure> ReadFile(string file, List<string> skipped)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return [];
        }

        if (BenchmarkDotNetReport.LooksLikeReport(root))
        {
            return BenchmarkDotNetReport.ReadFigures(root, NativeGanBenchmarkRules.All, skipped)
                .ToList();
        }

        return FigureFile.LooksLikeFigureFile(root) ? FigureFile.Read(file).Figures : [];
    }
}
