using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NativeGan.Gan.Data;
using NativeGan.Gan.Quality;
using NativeGan.Gan.Reports;
using NativeGan.Gan.Training;
using NativeGan.Gan.Vae;

namespace NativeGan.Gan.Ablation;

/// <summary>
/// Trains every arm of an ablation with every seed, in folders ARM/seed-S under one root,
/// and collects the final losses and sample quality. A run that already finished (it has a
/// summary.json) is read instead of trained again, so an interrupted ablation continues
/// where it stopped.
/// </summary>
public sealed class AblationRunner(
    TrainingConfig baseline,
    IReadOnlyList<AblationVariant> variants,
    IReadOnlyList<ulong> seeds,
    string root,
    MnistDataset data,
    QualityEvaluator? quality = null,
    ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Epochs of the VAE trained for the warm-start arm.</summary>
    public int VaeEpochs { get; init; } = 3;

    /// <summary>Raised before each run with (run number counting from 1, run count, arm, seed).</summary>
    public event Action<int, int, string, ulong>? RunStarting;

    /// <summary>Raised after every training step of every run.</summary>
    public event Action<StepMetrics>? StepCompleted;

    /// <summary>Absolute path of the ablation folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Runs or reads every arm and seed, and returns one result per run.</summary>
    public IReadOnlyList<AblationResult> Run(CancellationToken cancellation = default)
    {
        baseline.Validate();
        string? vaeCheckpoint = variants.Any(v => v.NeedsVae) ? EnsureVae(cancellation) : null;
        var results = new List<AblationResult>();
        int total = variants.Count * seeds.Count;
        int index = 0;
        foreach (AblationVariant variant in variants)
        {
            foreach (ulong seed in seeds)
            {
                index++;
                string folder = Path.Combine(Root, variant.Name, $"seed-{seed}");
                TrainingConfig config = variant.Apply(baseline, vaeCheckpoint) with
                {
                    Seed = seed,
                    OutputFolder = folder,
                    QualityEvery = quality is null ? 0 : baseline.QualityEvery,
                };
                var run = new RunFolder(folder);
                if (!File.Exists(run.SummaryPath))
                {
                    RunStarting?.Invoke(index, total, variant.Name, seed);
                    var trainer = new GanTrainer(config, data, _logger, quality);
                    trainer.StepCompleted += step => StepCompleted?.Invoke(step);
                    trainer.Run(overwrite: true, cancellation);
                }
                else
                {
                    _logger.LogInformation("Reusing finished run {Folder}", folder);
                }

                results.Add(ReadResult(variant.Name, seed, run));
            }
        }

        return results;
    }

    private string EnsureVae(CancellationToken cancellation)
    {
        var config = new VaeConfig
        {
            Model = baseline.Model,
            Architecture = baseline.Architecture,
            DataFolder = baseline.DataFolder,
            OutputFolder = Path.Combine(Root, "vae"),
            Epochs = VaeEpochs,
            BatchSize = baseline.BatchSize,
            LatentSize = baseline.LatentSize,
            TrainSamples = baseline.TrainSamples,
            Seed = seeds[0],
        };
        var folder = new RunFolder(config.OutputFolder);
        string checkpoint = folder.CheckpointPath(config.Epochs);
        if (File.Exists(folder.SummaryPath) && File.Exists(checkpoint))
        {
            return checkpoint;
        }

        _logger.LogInformation("Training the VAE for the warm-start arm in {Folder}", folder.Root);
        new VaeTrainer(config, data, _logger).Run(overwrite: true, cancellation);
        return checkpoint;
    }

    private static AblationResult ReadResult(string variant, ulong seed, RunFolder run)
    {
        List<EpochRow> epochs = EpochTable.Read(run.EpochsPath);
        if (epochs.Count == 0)
        {
            throw new InvalidDataException(
                $"{run.EpochsPath} has no finished epoch, so the run cannot be compared. Delete " +
                $"{run.Root} and run the ablation again.");
        }

        EpochRow last = epochs[^1];
        List<QualityRow> scores = QualityTable.Read(Path.Combine(run.Root, RunReport.QualityFileName));
        QualityRow? final = scores.LastOrDefault(q => q.Epoch == last.Epoch);
        return new AblationResult(
            variant,
            seed,
            run.Root,
            last.LossD,
            last.LossG,
            final?.FrechetDistance ?? double.NaN,
            final?.CoverageEntropy ?? double.NaN);
    }
}
