using System.Diagnostics;
using System.Globalization;
using NativeGan.Gan.Training;
using Spectre.Console;

namespace NativeGan.Cli;

/// <summary>
/// Live progress of a training run (step, steps/s, ETA, current losses) and the table
/// printed at the end.
/// </summary>
public static class TrainingProgressView
{
    // Redrawing the description every step would cost more than a small model's step.
    private const double RefreshSeconds = 0.25;

    /// <summary>
    /// Runs <paramref name="train"/> (a new run or a resume of <paramref name="trainer"/>)
    /// under a progress bar and returns its summary.
    /// </summary>
    public static TrainingSummary Run(GanTrainer trainer, Func<TrainingSummary> train)
    {
        long totalSteps = (long)trainer.StepsPerEpoch * trainer.Config.Epochs;
        TrainingSummary? summary = null;
        CommandLine.Output.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("starting", maxValue: totalSteps);
                // The rate counts from the first step of this session, so that data loading,
                // D's pre-training and the steps of a resumed run's earlier epochs are left out.
                Stopwatch? clock = null;
                long firstStep = 0;
                double lastRefresh = double.NegativeInfinity;
                trainer.StepCompleted += step =>
                {
                    if (clock is null)
                    {
                        clock = Stopwatch.StartNew();
                        firstStep = step.Step - 1;
                        task.Value = firstStep;
                    }

                    task.Value = step.Step;
                    double now = clock.Elapsed.TotalSeconds;
                    if (now - lastRefresh >= RefreshSeconds || step.Step == totalSteps)
                    {
                        lastRefresh = now;
                        double rate = (step.Step - firstStep) / Math.Max(now, 1e-9);
                        task.Description = Describe(step, totalSteps, rate);
                    }
                };
                summary = train();
            });
        return summary!;
    }

    /// <summary>Prints the per-epoch table and the run folder.</summary>
    public static void WriteSummary(TrainingSummary summary)
    {
        var table = new Table()
            .AddColumns("epoch", "seconds", "loss_d", "loss_g", "D(x)", "D(G(z))", "sample grid");
        foreach (EpochSummary epoch in summary.Epochs)
        {
            table.AddRow(
                ($"{epoch.Epoch}"),
                ($"{epoch.Seconds:F1}"),
                ($"{epoch.MeanLossD:F4}"),
                ($"{epoch.MeanLossG:F4}"),
                ($"{epoch.MeanDReal:F3}"),
                ($"{epoch.MeanDFake:F3}"),
                Markup.Escape(Path.GetRelativePath(summary.RunFolder, epoch.SampleGridPath)));
        }

        CommandLine.Output.Write(table);
        CommandLine.Output.MarkupLine(Markup.Escape((
            $"{summary.Steps} steps in {summary.Seconds:F1} s " +
            $"({summary.Steps / Math.Max(summary.Seconds, 1e-9):F1} steps/s); " +
            $"run folder {summary.RunFolder}")));
    }

    private static string Describe(StepMetrics step, long totalSteps, double stepsPerSecond) =>
        Markup.Escape((
            $"epoch {step.Epoch} step {step.Step}/{totalSteps} {stepsPerSecond:F1} steps/s " +
            $"loss_d {step.LossD:F3} loss_g {step.LossG:F3} D(x) {step.DReal:F2} " +
            $"D(G(z)) {step.DFake:F2}"));

}
