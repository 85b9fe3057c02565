using System.Globalization;
using System.Text;

namespace NativeGan.Gan.Reports;

/// <summary>One plot image on the report page.</summary>
/// <param name="Title">Section heading and alternative text.</param>
/// <param name="RelativePath">Path of the PNG relative to the run folder.</param>
/// <param name="Note">Sentence shown under the image, or null.</param>
internal sealed record ReportPlot(string Title, string RelativePath, string? Note = null);

/// <summary>One epoch's sample grid on the report page.</summary>
/// <param name="Epoch">Epoch number, counting from 1.</param>
/// <param name="RelativePath">Path of the PNG relative to the run folder.</param>
internal sealed record ReportGrid(int Epoch, string RelativePath);

/// <summary>Everything report.md shows, gathered from the run folder.</summary>
internal sealed record ReportContent(
    string RunName,
    ConfigSummary? Config,
    bool Finished,
    IReadOnlyList<EpochRow> Epochs,
    IReadOnlyList<QualityRow> Quality,
    IReadOnlyList<ReportPlot> Plots,
    IReadOnlyList<ReportGrid> Grids,
    IReadOnlyList<string> NotPlotted);

/// <summary>
/// Formats report.md as plain CommonMark: status, config, epoch table, plots and sample grids.
/// </summary>
internal static class ReportPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Returns the Markdown text of the report page.</summary>
    public static string Format(ReportContent content)
    {
        var page = new StringBuilder();
        page.Append("# Training run ").Append(Markdown.Escape(content.RunName)).Append("\n\n");
        page.Append(Status(content)).Append("\n\n");
        AppendConfig(page, content.Config);
        AppendEpochs(page, content.Epochs, content.Quality);
        AppendPlots(page, content.Plots, content.NotPlotted);
        AppendGrids(page, content.Grids);
        return page.ToString();
    }

    private static string Status(ReportContent content)
    {
        int done = content.Epochs.Count;
        string planned = content.Config?.Epochs?.ToString(Invariant) ?? "?";
        long steps = content.Epochs.Sum(e => e.Steps);
        double minutes = content.Epochs.Sum(e => e.Seconds) / 60;
        string totals = string.Create(
            Invariant, $"{steps:N0} steps, {minutes:F1} minutes of training");
        return content.Finished
            ? $"Finished: {done} of {planned} epochs, {totals}."
            : $"Not finished: {done} of {planned} epochs written so far, {totals}. Training " +
              "is still running, or it stopped before the last epoch.";
    }

    private static void AppendConfig(StringBuilder page, ConfigSummary? config)
    {
        page.Append("## Config\n\n");
        if (config is null)
        {
            page.Append("config.json is missing.\n\n");
            return;
        }

        page.Append("| option | value |\n| --- | --- |\n");
        foreach (var (name, value) in config.Highlights)
        {
            page.Append("| ").Append(name).Append(" | ").Append(Markdown.Escape(value))
                .Append(" |\n");
        }

        page.Append('\n');
        if (config.Others.Count > 0)
        {
            page.Append("Other options: ")
                .AppendJoin(", ", config.Others.Select(
                    o => $"{Markdown.Escape(o.Name)} = {Markdown.Escape(o.Value)}"))
                .Append(". ");
        }

        page.Append("All options: [config.json](config.json).\n\n");
    }

    private static void AppendEpochs(
        StringBuilder page, IReadOnlyList<EpochRow> epochs, IReadOnlyList<QualityRow> quality)
    {
        page.Append("## Epochs\n\n");
        if (epochs.Count == 0)
        {
            page.Append("No epoch has finished yet (epochs.csv is missing or empty).\n\n");
            return;
        }

        bool hasQuality = quality.Count > 0;
        var byEpoch = quality.ToDictionary(q => q.Epoch);
        page.Append("| epoch | steps | seconds | loss_d | loss_g | D(x) | D(G(z)) |");
        page.Append(hasQuality ? " FD | entropy |\n" : "\n");
        page.Append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        page.Append(hasQuality ? " ---: | ---: |\n" : "\n");
        foreach (EpochRow e in epochs)
        {
            page.Append(string.Create(
                Invariant,
                $"| {e.Epoch} | {e.Steps} | {e.Seconds:F1} | {e.LossD:F4} | {e.LossG:F4} | " +
                $"{e.DReal:F3} | {e.DFake:F3} |"));
            if (hasQuality)
            {
                page.Append(byEpoch.TryGetValue(e.Epoch, out QualityRow? q)
                    ? string.Create(
                        Invariant, $" {q.FrechetDistance:F2} | {q.CoverageEntropy:F3} |")
                    : " | |");
            }

            page.Append('\n');
        }

        page.Append('\n');
        if (hasQuality)
        {
            QualityRow last = quality[^1];
            IEnumerable<string> shares = last.ClassShares.Select(
                (share, digit) => string.Create(Invariant, $"{digit}: {100 * share:F1}%"));
            page.Append(string.Create(Invariant, $"Digit shares after epoch {last.Epoch}: "))
                .AppendJoin(", ", shares)
                .Append(". FD: lower is better. Entropy of the digit shares: ln 10 = 2.303 ")
                .Append("when all ten digits are equally common.\n\n");
        }
    }

    private static void AppendPlots(
        StringBuilder page, IReadOnlyList<ReportPlot> plots, IReadOnlyList<string> notPlotted)
    {
        page.Append("## Plots\n\n");
        foreach (ReportPlot plot in plots)
        {
            page.Append("### ").Append(Markdown.Escape(plot.Title)).Append("\n\n");
            page.Append(Markdown.Image(plot.Title, plot.RelativePath)).Append("\n\n");
            if (plot.Note is not null)
            {
                page.Append(Markdown.Escape(plot.Note)).Append("\n\n");
            }
        }

        foreach (string reason in notPlotted)
        {
            page.Append("Not plotted: ").Append(Markdown.Escape(reason)).Append("\n\n");
        }
    }

    private static void AppendGrids(StringBuilder page, IReadOnlyList<ReportGrid> grids)
    {
        page.Append("## Samples per epoch\n\n");
        if (grids.Count == 0)
        {
            page.Append("No sample grid has been written yet.\n");
            return;
        }

        page.Append("Every grid shows G's images for the same fixed latent vectors z.\n\n");
        foreach (ReportGrid grid in grids)
        {
            page.Append(string.Create(Invariant, $"### Epoch {grid.Epoch}\n\n"));
            page.Append(Markdown.Image($"Samples after epoch {grid.Epoch}", grid.RelativePath))
                .Append("\n\n");
        }

        ReportGrid final = grids[^1];
        page.Append(string.Create(Invariant, $"## Final samples (epoch {final.Epoch})\n\n"));
        page.Append(Markdown.Image($"Samples after epoch {final.Epoch}", final.RelativePath))
            .Append('\n');
    }
}
