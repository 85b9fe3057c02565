using ScottPlot;

namespace NativeGan.Gan.Reports;

/// <summary>
/// Plots of metrics.csv over the training steps: losses, D's mean outputs and D's accuracy.
/// Each draws the raw values faintly and their moving average boldly.
/// </summary>
internal static class StepPlots
{
    /// <summary>Writes losses.png: loss_d and loss_g per step.</summary>
    public static void WriteLosses(MetricsTable metrics, string path)
    {
        int window = MovingAverage.WindowFor(metrics.Count);
        double[] averageD = MovingAverage.Compute(metrics.LossD, window);
        double[] averageG = MovingAverage.Compute(metrics.LossG, window);
        Plot plot = PlotStyle.Create(Title("Losses per step", window), "step", "loss");
        PlotStyle.IntegerTicksX(plot);
        PlotStyle.AddSmoothed(
            plot, metrics.Steps, metrics.LossD, averageD, "loss_d", PlotStyle.Discriminator);
        PlotStyle.AddSmoothed(
            plot, metrics.Steps, metrics.LossG, averageG, "loss_g", PlotStyle.Generator);
        if (PlotStyle.RobustLimits([metrics.LossD, metrics.LossG], [averageD, averageG]) is { } y)
        {
            plot.Axes.SetLimitsY(y.Low, y.High);
        }

        plot.ShowLegend(Edge.Bottom);
        PlotStyle.Save(plot, path);
    }

    /// <summary>Writes d_outputs.png: mean D(x) and D(G(z)) per step, on 0..1.</summary>
    public static void WriteDOutputs(MetricsTable metrics, string path)
    {
        Plot plot = PlotStyle.Create(
            Title("Mean D output per step", metrics), "step", "probability of real");
        AddProbabilityAxis(plot);
        AddSmoothed(plot, metrics, metrics.DReal, "D(x), real", PlotStyle.Real);
        AddSmoothed(plot, metrics, metrics.DFake, "D(G(z)), generated", PlotStyle.Fake);
        var undecided = plot.Add.HorizontalLine(
            0.5, 1.5f, PlotStyle.Reference, LinePattern.Dashed);
        undecided.LegendText = "0.5: D cannot tell";
        plot.ShowLegend(Edge.Bottom);
        PlotStyle.Save(plot, path);
    }

    /// <summary>
    /// Writes d_accuracy.png: the share of real and of generated images that D classified
    /// correctly, on 0..1.
    /// </summary>
    public static void WriteDAccuracy(MetricsTable metrics, string path)
    {
        Plot plot = PlotStyle.Create(Title("D accuracy per step", metrics), "step", "accuracy");
        AddProbabilityAxis(plot);
        AddSmoothed(plot, metrics, metrics.DAccuracyReal, "on real images", PlotStyle.Real);
        AddSmoothed(plot, metrics, metrics.DAccuracyFake, "on generated images", PlotStyle.Fake);
        plot.ShowLegend(Edge.Bottom);
        PlotStyle.Save(plot, path);
    }

    private static void AddSmoothed(
        Plot plot, MetricsTable metrics, double[] values, string name, Color color)
    {
        int window = MovingAverage.WindowFor(metrics.Count);
        PlotStyle.AddSmoothed(
            plot, metrics.Steps, values, MovingAverage.Compute(values, window), name, color);
    }

    private static void AddProbabilityAxis(Plot plot)
    {
        PlotStyle.IntegerTicksX(plot);

        // A little room beyond 0 and 1 keeps curves that sit on the bounds visible.
        plot.Axes.SetLimitsY(-0.02, 1.02);
    }

    private static string Title(string title, MetricsTable metrics) =>
        Title(title, MovingAverage.WindowFor(metrics.Count));

    private static string Title(string title, int window) => window == 1
        ? title
        : $"{title}, moving average of {window} logged steps";
}
