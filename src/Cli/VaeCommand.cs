using System.CommandLine;
using NativeGan.Gan.Data;
using NativeGan.Gan.Models;
using NativeGan.Gan.Vae;
using NativeGan.Tensors;
using Spectre.Console;

namespace NativeGan.Cli;

/// <summary>`nativegan vae`: trains a VAE whose decoder has G's architecture, for warm starts.</summary>
public static class VaeCommand
{
    /// <summary>Builds the command and its options.</summary>
    public static Command Create()
    {
        var defaults = new VaeConfig();
        var model = new Option<string>("--model")
        {
            Description = "GAN model whose generator is the decoder.",
            DefaultValueFactory = _ => defaults.Model,
        };
        model.AcceptOnlyFromAmong([.. GanModelFactory.ModelNames]);
        var data = new Option<string>("--data")
        {
            Description = "Folder holding the four MNIST IDX files.",
            DefaultValueFactory = _ => defaults.DataFolder,
        };
        var output = new Option<string>("--out")
        {
            Description = "Run folder for grids, metrics and checkpoints.",
            DefaultValueFactory = _ => defaults.OutputFolder,
        };
        var epochs = IntOptions.Positive("--epochs", "Number of passes over the training images.", defaults.Epochs);
        var batchSize = IntOptions.Positive("--batch-size", "Images per step.", defaults.BatchSize);
        var learningRate = new Option<float>("--lr")
        {
            Description = "Adam learning rate.",
            DefaultValueFactory = _ => defaults.LearningRate,
        };
        var beta = new Option<float>("--beta")
        {
            Description = "Weight of the KL term.",
            DefaultValueFactory = _ => defaults.Beta,
        };
        var reconstruction = new Option<string>("--reconstruction")
        {
            Description = "Reconstruction loss.",
            DefaultValueFactory = _ => defaults.Reconstruction,
        };
        reconstruction.AcceptOnlyFromAmong("bce", "mse");
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the weights, shuffling and sampling.",
            DefaultValueFactory = _ => defaults.Seed,
        };
        var trainSamples = new Option<int>("--train-samples")
        {
            Description = "Use only the first N training images (0: all).",
            DefaultValueFactory = _ => 0,
        };
        var fetch = new Option<bool>("--fetch") { Description = "Fetch MNIST first if it is missing." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing run." };
        var threads = IntOptions.Positive("--threads", "CPU threads for the kernels.", Environment.ProcessorCount);
        var architecture = new ArchitectureCliOptions();

        var command = new Command(
            "vae",
            "Train a VAE on MNIST whose decoder has G's architecture; its checkpoints warm-start " +
            "`nativegan train --warm-start`.")
        {
            model, data, output, epochs, batchSize, learningRate, beta, reconstruction, seed,
            trainSamples, fetch, overwrite, threads,
        };
        foreach (Option option in architecture.All)
        {
            command.Add(option);
        }

        command.SetAction(parsed =>
        {
            ComputeThreads.Max = parsed.GetValue(threads);
            var config = defaults with
            {
                Model = parsed.GetValue(model)!,
                DataFolder = parsed.GetValue(data)!,
                OutputFolder = parsed.GetValue(output)!,
                Epochs = parsed.GetValue(epochs),
                BatchSize = parsed.GetValue(batchSize),
                LearningRate = parsed.GetValue(learningRate),
                Beta = parsed.GetValue(beta),
                Reconstruction = parsed.GetValue(reconstruction)!,
                Seed = parsed.GetValue(seed),
                TrainSamples = parsed.GetValue(trainSamples),
                Architecture = architecture.Apply(parsed, defaults.Architecture),
            };
            config.Validate();
            MnistDataset dataset = TrainCommand.LoadData(config.DataFolder, parsed.GetValue(fetch));
            using var logging = ConsoleLogging.Create();
            var trainer = new VaeTrainer(config, dataset, logging.CreateLogger("vae"));
            double loss = Run(trainer, parsed.GetValue(overwrite));
            CommandLine.Output.MarkupLine(Markup.Escape(
                $"VAE trained: last epoch loss {loss:F2}; decoder checkpoint " +
                $"{trainer.Folder.CheckpointPath(config.Epochs)}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static double Run(VaeTrainer trainer, bool overwrite)
    {
        long totalSteps = (long)trainer.StepsPerEpoch * trainer.Config.Epochs;
        double result = double.NaN;
        CommandLine.Output.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("VAE", maxValue: totalSteps);
                trainer.StepCompleted += (step, loss, reconstruction, kl) =>
                {
                    task.Value = step;
                    if (step % 20 == 0)
                    {
                        task.Description = Markup.Escape(
                            $"step {step}/{totalSteps} loss {loss:F1} reconstruction " +
                            $"{reconstruction:F1} kl {kl:F1}");
                    }
                };
                result = trainer.Run(overwrite);
            });
        return result;
    }
}
