using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using NativeGan.Gan.Ablation;
using NativeGan.Gan.Data;
using NativeGan.Gan.Models;
using NativeGan.Gan.Training;
using NativeGan.Tensors;
using Spectre.Console;

namespace NativeGan.Cli;

/// <summary>`nativegan ablate`: trains a baseline and each trick over several seeds and compares them.</summary>
public static class AblateCommand
{
    /// <summary>Builds the command and its options.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "Architecture of G and D.",
            DefaultValueFactory = _ => "mlp",
        };
        model.AcceptOnlyFromAmong([.. GanModelFactory.ModelNames]);
        var variants = new Option<string>("--variants")
        {
            Description = "Comma-separated arms: " +
                string.Join(", ", AblationVariants.All.Select(v => v.Name)) + ".",
            DefaultValueFactory = _ => string.Join(",", AblationVariants.All.Select(v => v.Name)),
        };
        var seeds = new Option<string>("--seeds")
        {
            Description = "Comma-separated seeds; each arm is trained once per seed.",
            DefaultValueFactory = _ => "1,2,3",
        };
        var epochs = IntOptions.Positive("--epochs", "Epochs of each run.", 3);
        var batchSize = IntOptions.Positive("--batch-size", "Images per step.", 128);
        var trainSamples = new Option<int>("--train-samples")
        {
            Description = "Use only the first N training images (0: all 60,000).",
            DefaultValueFactory = _ => 0,
        };
        var qualitySamples = IntOptions.Positive("--quality-samples", "Generated images per quality score.", 5000);
        var vaeEpochs = IntOptions.Positive("--vae-epochs", "Epochs of the VAE for the warm-start arm.", 3);
        var data = new Option<string>("--data")
        {
            Description = "Folder holding the four MNIST IDX files.",
            DefaultValueFactory = _ => TrainCommand.DefaultDataFolder,
        };
        var fetch = new Option<bool>("--fetch") { Description = "Fetch MNIST first if it is missing." };
        var output = new Option<string>("--out")
        {
            Description = "Ablation folder; finished runs in it are reused.",
            DefaultValueFactory = _ => "runs/ablation",
        };
        var threads = IntOptions.Positive("--threads", "CPU threads for the kernels.", Environment.ProcessorCount);
        var command = new Command(
            "ablate",
            "Train a baseline and each training trick over several seeds; write a table of final " +
            "losses, FD and class coverage with mean and spread, and overlaid plots.")
        {
            model, variants, seeds, epochs, batchSize, trainSamples, qualitySamples, vaeEpochs,
            data, fetch, output, threads,
        };
        command.SetAction(parsed =>
        {
            ComputeThreads.Max = parsed.GetValue(threads);
            IReadOnlyList<AblationVariant> arms = AblationVariants.Select(
                parsed.GetValue(variants)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            ulong[] seedList = ParseSeeds(parsed.GetValue(seeds)!);
            var baseline = new TrainingConfig
            {
                Model = parsed.GetValue(model)!,
                DataFolder = parsed.GetValue(data)!,
                Epochs = parsed.GetValue(epochs),
                BatchSize = parsed.GetValue(batchSize),
                TrainSamples = parsed.GetValue(trainSamples),
                QualitySamples = parsed.GetValue(qualitySamples),
            };
            baseline.Validate();
            MnistDataset dataset = TrainCommand.LoadData(baseline.DataFolder, parsed.GetValue(fetch));
            using var logging = ConsoleLogging.Create();
            ILogger logger = logging.CreateLogger("ablate");
            var runner = new AblationRunner(
                baseline, arms, seedList, parsed.GetValue(output)!, dataset,
                QualitySetup.Create(baseline.DataFolder, dataset, logger), logger)
            {
                VaeEpochs = parsed.GetValue(vaeEpochs),
            };
            IReadOnlyList<AblationResult> results = Run(runner);
            string page = AblationReport.Write(runner.Root, arms, results);
            CommandLine.Output.WriteLine(AblationReport.FormatTable(arms, results));
            CommandLine.Output.MarkupLine(Markup.Escape($"Ablation table and plots: {page}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<AblationResult> Run(AblationRunner runner)
    {
        IReadOnlyList<AblationResult> results = [];
        CommandLine.Output.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("starting");
                string current = "";
                runner.RunStarting += (index, total, arm, seed) =>
                    current = $"run {index}/{total}: {arm} seed {seed}";
                runner.StepCompleted += step =>
                {
                    if (step.Step % 20 == 0)
                    {
                        task.Description = Markup.Escape(
                            $"{current}, epoch {step.Epoch} step {step.Step} loss_d {step.LossD:F3} loss_g {step.LossG:F3}");
                    }
                };
                results = runner.Run();
                task.StopTask();
            });
        return results;
    }

    private static ulong[] ParseSeeds(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var seeds = new ulong[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!ulong.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out seeds[i]))
            {
                throw new UsageException($"Invalid --seeds '{text}': expected whole numbers separated by commas.");
            }
        }

        if (seeds.Length == 0 || seeds.Distinct().Count() != seeds.Length)
        {
            throw new UsageException($"Invalid --seeds '{text}': list one or more different seeds.");
        }

        return seeds;
    }
}
