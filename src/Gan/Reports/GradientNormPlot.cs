using ScottPlot;

namespace NativeGan.Gan.Reports;

/// <summary>
/// Plot of gradients.csv for one network: one line per parameter, gradient L2 norm against
/// the step on a log10 axis.
/// </summary>
internal static class GradientNormPlot
{
    /// <summary>
    /// Writes the plot of <paramref name="network"/>'s series in <paramref name="series"/> to
    /// <paramref name="path"/>. Returns the number of points left out because their norm was
    /// NaN, infinite or not positive, which a log axis cannot show.
    /// </summary>
    public static int Write(IReadOnlyList<GradientNormSeries> series, string network, string path)
    {
        List<GradientNormSeries> parameters = series.Where(s => s.Network == network).ToList();
        Plot plot = PlotStyle.Create(
            $"Gradient L2 norm per parameter of {NetworkName(network)}", "step",
            "gradient L2 norm (log scale)");
        PlotStyle.IntegerTicksX(plot);
        PlotStyle.Log10AxisY(plot);
        IPalette palette = parameters.Count <= 10
            ? new ScottPlot.Palettes.Category10()
            : new ScottPlot.Palettes.Category20();

        int skipped = 0;
        for (int p = 0; p < parameters.Count; p++)
        {
            var steps = new List<double>();
            var logNorms = new List<double>();
            GradientNormSeries parameter = parameters[p];
            for (int i = 0; i < parameter.Steps.Length; i++)
            {
                double norm = parameter.GradNorms[i];
                if (double.IsFinite(norm) && norm > 0)
                {
                    steps.Add(parameter.Steps[i]);
                    logNorms.Add(Math.Log10(norm));
                }
                else
                {
                    skipped++;
                }
            }

            if (steps.Count == 0)
            {
                continue;
            }

            var (x, y) = PlotStyle.Decimate(([.. steps], [.. logNorms]), PlotStyle.Width);
            var line = plot.Add.ScatterLine(x, y, palette.GetColor(p));
            line.LineWidth = 1.5f;
            line.LegendText = parameter.Parameter;

            // Markers show where the monitored steps are while there are few of them.
            line.MarkerSize = x.Length <= 40 ? 5 : 0;
        }

        plot.ShowLegend(Edge.Right);
        PlotStyle.Save(plot, path);
        return skipped;
    }

    private static string NetworkName(string network) => network switch
    {
        "G" => "G (generator)",
        "D" => "D (discriminator)",
        _ => network,
    };
}
