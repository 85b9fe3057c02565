using System.Globalization;
using System.Text;
using NativeGan.Gan.Reports;
using NativeGan.Nn.IO;
using ScottPlot;
using PlotStyle = NativeGan.Gan.Reports.PlotStyle;

namespace NativeGan.Gan.Ablation;

/// <summary>
/// Writes an ablation's table (ablation.csv and ablation.md: mean and standard deviation
/// over seeds of the final losses, FD and coverage entropy per arm) and plots that overlay
/// the arms epoch by epoch.
/// </summary>
public static class AblationReport
{
    /// <summary>Writes the table and plots into <paramref name="root"/>; returns the Markdown path.</summary>
    public static string Write(
        string root, IReadOnlyList<AblationVariant> variants, IReadOnlyList<AblationResult> results)
    {
        var csv = new StringBuilder("variant,seed,loss_d,loss_g,fd,coverage_entropy,run\n");
        foreach (AblationResult r in results)
        {
            string run = Path.GetRelativePath(root, r.RunFolder);
            csv.Append(Invariant(
                $"{r.Variant},{r.Seed},{r.LossD:G9},{r.LossG:G9},{r.FrechetDistance:G9},{r.CoverageEntropy:G9},{run}\n"));
        }

        AtomicFile.WriteAllText(Path.Combine(root, "ablation.csv"), csv.ToString());
        string plots = Path.Combine(root, "plots");
        WriteEpochPlot(variants, results, Path.Combine(plots, "ablation_fd.png"),
            "FD per epoch (mean over seeds; lower is better)", "FD", Fd);
        WriteEpochPlot(variants, results, Path.Combine(plots, "ablation_loss_d.png"),
            "D loss per epoch (mean over seeds)", "loss_d", run => EpochSeries(run, e => e.LossD));
        WriteEpochPlot(variants, results, Path.Combine(plots, "ablation_loss_g.png"),
            "G loss per epoch (mean over seeds)", "loss_g", run => EpochSeries(run, e => e.LossG));

        string page = Path.Combine(root, "ablation.md");
        AtomicFile.WriteAllText(page, FormatPage(variants, results));
        return page;
    }

    /// <summary>Formats the Markdown table of arms: mean and standard deviation over seeds.</summary>
    public static string FormatTable(
        IReadOnlyList<AblationVariant> variants, IReadOnlyList<AblationResult> results)
    {
        var text = new StringBuilder();
        text.Append("| arm | change | seeds | final loss_d | final loss_g | FD | coverage entropy |\n");
        text.Append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (AblationVariant variant in variants)
        {
            var runs = results.Where(r => r.Variant == variant.Name).ToList();
            if (runs.Count == 0)
            {
                continue;
            }

            string lossD = MeanSpread(runs.Select(r => r.LossD));
            string lossG = MeanSpread(runs.Select(r => r.LossG));
            string fd = MeanSpread(runs.Select(r => r.FrechetDistance));
            string entropy = MeanSpread(runs.Select(r => r.CoverageEntropy), "F3");
            text.Append(
                $"| {variant.Name} | {variant.Description} | {runs.Count} | {lossD} | {lossG} | {fd} | {entropy} |\n");
        }

        return text.ToString();
    }

    private static string FormatPage(
        IReadOnlyList<AblationVariant> variants, IReadOnlyList<AblationResult> results)
    {
        var text = new StringBuilder("# Ablation\n\n");
        text.Append("Mean ± standard deviation over seeds of the last epoch. FD: Frechet distance ");
        text.Append("of the MNIST classifier's features of generated against test images (lower is ");
        text.Append("better). Coverage entropy: ln 10 = 2.303 when all ten digits are equally present.\n\n");
        text.Append(FormatTable(variants, results));
        text.Append("\n![FD per epoch](plots/ablation_fd.png)\n\n");
        text.Append("![D loss per epoch](plots/ablation_loss_d.png)\n\n");
        text.Append("![G loss per epoch](plots/ablation_loss_g.png)\n\n");
        text.Append("Each run has its own report: ARM/seed-S/report.md. Raw numbers: [ablation.csv](ablation.csv).\n");
        return text.ToString();
    }

    private static void WriteEpochPlot(
        IReadOnlyList<AblationVariant> variants,
        IReadOnlyList<AblationResult> results,
        string path,
        string title,
        string yLabel,
        Func<AblationResult, double[]> series)
    {
        Plot plot = PlotStyle.Create(title, "epoch", yLabel);
        bool any = false;
        Color[] palette = new ScottPlot.Palettes.Category10().Colors;
        int colorIndex = 0;
        foreach (AblationVariant variant in variants)
        {
            List<double[]> runs = results.Where(r => r.Variant == variant.Name)
                .Select(series).Where(s => s.Length > 0).ToList();
            Color color = palette[colorIndex++ % palette.Length];
            if (runs.Count == 0)
            {
                continue;
            }

            int epochs = runs.Min(s => s.Length);
            double[] xs = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
            double[] mean = xs.Select((_, i) => runs.Average(s => s[i])).ToArray();
            var line = plot.Add.Scatter(xs, mean, color);
            line.LegendText = variant.Name;
            line.LineWidth = 2;
            any = true;
        }

        if (any)
        {
            // Epochs are whole numbers, so the axis gets one tick per epoch.
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
            plot.ShowLegend(Edge.Right);
            PlotStyle.Save(plot, path);
        }
    }

    private static double[] EpochSeries(AblationResult run, Func<EpochRow, double> value) =>
        EpochTable.Read(Path.Combine(run.RunFolder, "epochs.csv")).Select(value).ToArray();

    private static double[] Fd(AblationResult run) =>
        QualityTable.Read(Path.Combine(run.RunFolder, RunReport.QualityFileName))
            .Select(q => q.FrechetDistance).ToArray();

    private static string MeanSpread(IEnumerable<double> values, string format = "F2")
    {
        double[] finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return "n/a";
        }

        double mean = finite.Average();
        double spread = finite.Length > 1
            ? Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (finite.Length - 1))
            : 0;
        return $"{mean.ToString(format, CultureInfo.InvariantCulture)} ± " +
            spread.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
