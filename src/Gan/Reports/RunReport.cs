using System.Globalization;
using System.Text.RegularExpressions;
using NativeGan.Gan.Training;
using NativeGan.Nn.IO;

namespace NativeGan.Gan.Reports;

/// <summary>
/// Plots and report page of a training run: reads the run folder's CSV files and writes
/// PNG plots under plots/ and report.md at the top of the folder, the page a person opens
/// first. Inputs that are missing or have no rows are skipped, so the report can be written
/// after every epoch of a running training and again at the end.
/// </summary>
/// <remarks>
/// Reads config.json, metrics.csv, gradients.csv, epochs.csv, quality.csv (FD and digit
/// coverage per epoch, when present), summary.json (only whether it exists) and the sample
/// grids samples/epoch-NNNN.png. Every file is written through a temporary file and a
/// rename, so a reader never sees half of one.
/// </remarks>
public static partial class RunReport
{
    /// <summary>File name of the report page inside the run folder.</summary>
    public const string PageFileName = "report.md";

    /// <summary>Folder of the plots inside the run folder.</summary>
    public const string PlotsFolderName = "plots";

    /// <summary>File name of the per-epoch quality metrics inside the run folder.</summary>
    public const string QualityFileName = "quality.csv";

    /// <summary>
    /// Writes the plots and report.md of the run in <paramref name="runFolder"/> and returns
    /// the absolute paths written, report.md last. Throws
    /// <see cref="DirectoryNotFoundException"/> when the folder does not exist and
    /// <see cref="InvalidDataException"/> naming the file and line of a malformed row.
    /// </summary>
    public static IReadOnlyList<string> Write(string runFolder) => Write(new RunFolder(runFolder));

    /// <inheritdoc cref="Write(string)"/>
    public static IReadOnlyList<string> Write(RunFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder.Root))
        {
            throw new DirectoryNotFoundException(
                $"Run folder {folder.Root} does not exist. Pass the output folder of a " +
                "training run.");
        }

        // Read everything first, so that a malformed file stops the report before it writes.
        MetricsTable? metrics = MetricsTable.Read(folder.MetricsPath);
        List<GradientNormSeries> gradients = GradientNormTable.Read(folder.GradientsPath);
        List<EpochRow> epochs = EpochTable.Read(folder.EpochsPath);
        List<QualityRow> quality = QualityTable.Read(Path.Combine(folder.Root, QualityFileName));
        ConfigSummary? config = ConfigSummary.Read(folder.ConfigPath);

        var plots = new PlotList(folder.Root);
        if (metrics is not null)
        {
            StepPlots.WriteLosses(metrics, plots.Add("Losses", "losses.png"));
            StepPlots.WriteDOutputs(metrics, plots.Add("D outputs", "d_outputs.png"));
            StepPlots.WriteDAccuracy(metrics, plots.Add("D accuracy", "d_accuracy.png"));
        }
        else
        {
            plots.Skip("losses, D outputs and D accuracy (metrics.csv is missing or empty).");
        }

        WriteGradientPlots(gradients, plots);
        if (epochs.Count > 0)
        {
            EpochPlots.WriteLosses(epochs, plots.Add("Mean losses per epoch", "epochs.png"));
        }

        if (quality.Count > 0)
        {
            EpochPlots.WriteQuality(quality, plots.Add("Sample quality per epoch", "quality.png"));
        }

        var content = new ReportContent(
            Path.GetFileName(Path.TrimEndingDirectorySeparator(folder.Root)),
            config,
            File.Exists(folder.SummaryPath),
            epochs,
            quality,
            plots.Plots,
            FindGrids(folder, epochs),
            plots.Skipped);
        string page = Path.Combine(folder.Root, PageFileName);
        AtomicFile.WriteAllText(page, ReportPage.Format(content));
        return [.. plots.Paths, page];
    }

    /// <summary>Writes one gradient norm plot per network found in gradients.csv.</summary>
    private static void WriteGradientPlots(List<GradientNormSeries> gradients, PlotList plots)
    {
        if (gradients.Count == 0)
        {
            plots.Skip(
                "gradient norms (gradients.csv is missing or empty, and monitorEvery 0 turns " +
                "them off).");
            return;
        }

        foreach (string network in gradients.Select(s => s.Network).Distinct())
        {
            string name = $"gradient_norms_{network.ToLowerInvariant()}.png";
            string path = plots.Path(name);
            int leftOut = GradientNormPlot.Write(gradients, network, path);
            string? note = leftOut switch
            {
                0 => null,
                1 => "1 point with a zero, missing or infinite gradient norm is left out, " +
                     "because a log axis cannot show it. gradients.csv still lists it.",
                _ => string.Create(
                    CultureInfo.InvariantCulture,
                    $"{leftOut} points with a zero, missing or infinite gradient norm are left " +
                    $"out, because a log axis cannot show them. gradients.csv still lists them."),
            };
            plots.Add($"Gradient norms of {network}", name, note);
        }
    }

    /// <summary>
    /// Returns the sample grids that exist, by epoch: those named in epochs.csv and any
    /// samples/epoch-NNNN.png of an epoch that epochs.csv does not list yet.
    /// </summary>
    private static List<ReportGrid> FindGrids(RunFolder folder, IReadOnlyList<EpochRow> epochs)
    {
        var grids = new SortedDictionary<int, string>();
        foreach (EpochRow epoch in epochs)
        {
            string path = Path.Combine(folder.Root, epoch.SampleGrid);
            if (epoch.SampleGrid.Length > 0 && File.Exists(path))
            {
                grids[epoch.Epoch] = Path.GetRelativePath(folder.Root, path);
            }
        }

        if (Directory.Exists(folder.SamplesFolder))
        {
            foreach (string path in Directory.EnumerateFiles(folder.SamplesFolder, "epoch-*.png"))
            {
                Match match = GridName().Match(Path.GetFileName(path));
                if (match.Success && int.TryParse(
                    match.Groups[1].Value, CultureInfo.InvariantCulture, out int epoch))
                {
                    grids.TryAdd(epoch, Path.GetRelativePath(folder.Root, path));
                }
            }
        }

        return grids.Select(pair => new ReportGrid(pair.Key, pair.Value)).ToList();
    }

    [GeneratedRegex(@"^epoch-([0-9]{1,9})\.png$")]
    private static partial Regex GridName();

    /// <summary>Report plots as page entries and absolute paths, and the skipped ones.</summary>
    private sealed class PlotList(string root)
    {
        public List<ReportPlot> Plots { get; } = [];

        public List<string> Paths { get; } = [];

        public List<string> Skipped { get; } = [];

        public string Path(string name) => System.IO.Path.Combine(root, PlotsFolderName, name);

        /// <summary>Records plot <paramref name="name"/>; returns its absolute path.</summary>
        public string Add(string title, string name, string? note = null)
        {
            Plots.Add(new ReportPlot(title, $"{PlotsFolderName}/{name}", note));
            Paths.Add(Path(name));
            return Path(name);
        }

        public void Skip(string reason) => Skipped.Add(reason);
    }
}
