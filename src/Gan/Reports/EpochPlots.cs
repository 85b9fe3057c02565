using ScottPlot;

namespace NativeGan.Gan.Reports;

/// <summary>
/// Plots over epochs: mean losses from epochs.csv and sample quality from quality.csv.
/// </summary>
internal static class EpochPlots
{
    /// <summary>Entropy of ten equally common classes, ln 10 nats: the best coverage.</summary>
    private static readonly double MaxEntropy = Math.Log(QualityTable.ClassCount);

    /// <summary>Height of quality.png in pixels, taller than the others for two panels.</summary>
    public const int QualityHeight = 700;

    /// <summary>Writes epochs.png: mean loss_d and loss_g of each epoch.</summary>
    public static void WriteLosses(IReadOnlyList<EpochRow> epochs, string path)
    {
        Plot plot = PlotStyle.Create("Mean losses per epoch", "epoch", "mean loss");
        PlotStyle.IntegerTicksX(plot);
        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
        AddLine(plot, x, epochs.Select(e => e.LossD).ToArray(), "loss_d", PlotStyle.Discriminator);
        AddLine(plot, x, epochs.Select(e => e.LossG).ToArray(), "loss_g", PlotStyle.Generator);
        plot.ShowLegend(Edge.Bottom);
        PlotStyle.Save(plot, path);
    }

    /// <summary>
    /// Writes quality.png: two panels, the Frechet distance per epoch above and the coverage
    /// entropy per epoch below, with a dashed line at its best value ln 10.
    /// </summary>
    public static void WriteQuality(IReadOnlyList<QualityRow> quality, string path)
    {
        double[] x = quality.Select(q => (double)q.Epoch).ToArray();

        Plot distance = PlotStyle.Create(
            "Frechet distance of classifier features (lower is better)", "epoch", "FD");
        PlotStyle.IntegerTicksX(distance);
        AddLine(
            distance, x, quality.Select(q => q.FrechetDistance).ToArray(), null,
            PlotStyle.Discriminator);

        Plot entropy = PlotStyle.Create(
            "Entropy of the digit shares (dashed: ln 10 = 2.303, all digits equally common)",
            "epoch", "entropy (nats)");
        PlotStyle.IntegerTicksX(entropy);
        AddLine(
            entropy, x, quality.Select(q => q.CoverageEntropy).ToArray(), null, PlotStyle.Real);
        entropy.Add.HorizontalLine(MaxEntropy, 1.5f, PlotStyle.Reference, LinePattern.Dashed);
        double highest = quality.Select(q => q.CoverageEntropy).Where(double.IsFinite)
            .DefaultIfEmpty(0).Max();
        entropy.Axes.SetLimitsY(0, Math.Max(MaxEntropy, highest) * 1.08);

        var panels = new Multiplot(distance);
        panels.AddPlot(entropy);
        PlotStyle.SavePng(surface => panels.Render(surface), PlotStyle.Width, QualityHeight, path);
    }

    private static void AddLine(Plot plot, double[] x, double[] y, string? label, Color color)
    {
        var (keptX, keptY) = PlotStyle.Finite(x, y);
        var line = plot.Add.ScatterLine(keptX, keptY, color);
        line.LineWidth = 2;
        line.MarkerSize = 7;
        line.LegendText = label ?? "";
    }
}
