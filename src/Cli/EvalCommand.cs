using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using NativeGan.Gan.Data;
using NativeGan.Gan.Models;
using NativeGan.Gan.Quality;
using NativeGan.Gan.Training;
using NativeGan.Tensors;
using Spectre.Console;

namespace NativeGan.Cli;

/// <summary>
/// `nativegan eval`: scores the generator checkpoints of a run with the MNIST classifier
/// (Frechet distance and digit coverage), writes quality.csv and prints a table.
/// </summary>
public static class EvalCommand
{
    /// <summary>Builds the command and its options.</summary>
    public static Command Create()
    {
        var run = new Argument<string>("run")
        {
            Description = "Run folder written by `nativegan train` (its --out folder).",
        };
        var data = new Option<string?>("--data")
        {
            Description = "Folder holding the four MNIST IDX files; default: the run's data " +
                "folder. The classifier is cached in its classifier/ subfolder.",
        };
        var samples = new Option<int>("--samples")
        {
            Description = "Generated images scored per checkpoint. The FD of fewer images is " +
                "biased upward, so compare scores of equal counts.",
            DefaultValueFactory = _ => QualityEvaluator.DefaultSampleCount,
        };
        samples.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value < 2)
            {
                result.AddError($"Invalid --samples {value}: it must be at least 2.");
            }
        });
        var epoch = new Option<int?>("--epoch")
        {
            Description = "Score only the checkpoint of this epoch; default: every epoch.",
        };
        epoch.Validators.Add(result =>
        {
            int? value = result.GetValueOrDefault<int?>();
            if (value < 1)
            {
                result.AddError($"Invalid --epoch {value}: epochs count from 1.");
            }
        });
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the latent vectors z of the scored images.",
            DefaultValueFactory = _ => 1,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "CPU threads for the kernels.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        threads.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value < 1)
            {
                result.AddError($"Invalid --threads {value}: it must be at least 1.");
            }
        });

        var command = new Command(
            "eval",
            "Score a run's checkpoints: Frechet distance of classifier features to the MNIST " +
            "test set and coverage of the ten digits; writes quality.csv in the run folder.")
        {
            run, data, samples, epoch, seed, threads,
        };
        command.SetAction(parsed =>
        {
            ComputeThreads.Max = parsed.GetValue(threads);
            return Evaluate(
                parsed.GetValue(run)!, parsed.GetValue(data), parsed.GetValue(samples),
                parsed.GetValue(epoch), parsed.GetValue(seed));
        });
        return command;
    }

    private static int Evaluate(
        string runPath, string? dataOption, int sampleCount, int? onlyEpoch, ulong seed)
    {
        var run = new RunFolder(runPath);
        if (!Directory.Exists(run.Root))
        {
            throw new UsageException(
                $"Run folder {run.Root} does not exist. Pass the --out folder of an earlier " +
                "`nativegan train`.");
        }

        if (!run.ContainsRun)
        {
            throw new UsageException(
                $"{run.Root} is not a run folder (it has no config.json). Pass the --out folder " +
                "of an earlier `nativegan train`.");
        }

        TrainingConfig config = TrainCommand.ReadConfig(run.ConfigPath);
        int[] epochs = SelectEpochs(run, onlyEpoch);
        string dataFolder = dataOption ?? config.DataFolder;
        if (!Directory.Exists(dataFolder))
        {
            throw new UsageException(
                $"Data folder {Path.GetFullPath(dataFolder)} does not exist. Run " +
                $"`nativegan fetch --data {dataFolder}` or pass --data.");
        }

        MnistDataset train = MnistDataset.Load(dataFolder, MnistSplit.Train);
        using var logging = ConsoleLogging.Create();
        ILogger logger = logging.CreateLogger("eval");
        var (evaluator, classifier) = QualitySetup.CreateWithClassifier(dataFolder, train, logger);
        int floorCount = Math.Min(QualityEvaluator.DefaultSampleCount, train.Count);
        QualityScore floor = evaluator.EvaluateImages(train, floorCount);

        var rows = new List<EpochQuality>();
        foreach (int e in epochs)
        {
            var clock = Stopwatch.StartNew();
            ImageGenerator generator = CreateGenerator(config);
            GanCheckpoint.LoadGenerator(run.CheckpointPath(e), generator);
            QualityScore score = evaluator.Evaluate(generator, sampleCount, seed);
            rows.Add(new EpochQuality(e, score));
            logger.LogInformation(
                "epoch {Epoch}: FD {Distance:F3}, coverage entropy {Entropy:F3} ({Count} " +
                "samples, {Seconds:F1} s)",
                e, score.FrechetDistance, score.CoverageEntropy, sampleCount,
                clock.Elapsed.TotalSeconds);
        }

        string csvPath = QualityCsv.PathIn(run);
        QualityCsv.Merge(csvPath, rows);
        WriteTable(rows, floor, floorCount, classifier, csvPath);
        return ExitCodes.Success;
    }

    // Builds G as the trainer does, so that the checkpoint's tensor names and shapes match.
    private static ImageGenerator CreateGenerator(TrainingConfig config) =>
        GanModelFactory.Create(
            config.Model, config.LatentSize, new Rng(config.Seed), config.Architecture).Generator;

    private static int[] SelectEpochs(RunFolder run, int? onlyEpoch)
    {
        int[] available = Enumerable.Range(1, run.LastCheckpointEpoch())
            .Where(e => File.Exists(run.CheckpointPath(e)))
            .ToArray();
        if (available.Length == 0)
        {
            throw new UsageException(
                $"Run folder {run.Root} has no checkpoints in {run.CheckpointsFolder}; train at " +
                "least one epoch first.");
        }

        if (onlyEpoch is int e)
        {
            if (!available.Contains(e))
            {
                throw new UsageException(
                    $"Run folder {run.Root} has no checkpoint of epoch {e}; its checkpoints are " +
                    $"of epochs {string.Join(", ", available)}.");
            }

            return [e];
        }

        return available;
    }

    private static void WriteTable(
        IReadOnlyList<EpochQuality> rows, QualityScore floor, int floorCount,
        TrainedClassifier classifier, string csvPath)
    {
        var table = new Table().AddColumns("epoch", "FD", "entropy", "digits 0-9 (% of samples)");
        foreach (EpochQuality row in rows)
        {
            table.AddRow(
                row.Epoch.ToString(CultureInfo.InvariantCulture),
                row.Score.FrechetDistance.ToString("F3", CultureInfo.InvariantCulture),
                row.Score.CoverageEntropy.ToString("F3", CultureInfo.InvariantCulture),
                FormatShares(row.Score.ClassShares));
        }

        table.AddRow(
            "real",
            floor.FrechetDistance.ToString("F3", CultureInfo.InvariantCulture),
            floor.CoverageEntropy.ToString("F3", CultureInfo.InvariantCulture),
            FormatShares(floor.ClassShares));
        CommandLine.Output.Write(table);
        CommandLine.Output.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"real: {floorCount} MNIST training images against the test set, the floor that " +
            $"real digits reach (entropy of ten equal shares: ln 10 = 2.303). Classifier test " +
            $"accuracy {100 * classifier.TestAccuracy:F2}% ({classifier.Path}). " +
            $"Wrote {csvPath}.")));
    }

    private static string FormatShares(IReadOnlyList<double> shares) =>
        string.Join(' ', shares.Select(s => (100 * s).ToString("F0", CultureInfo.InvariantCulture)
            .PadLeft(2)));
}
