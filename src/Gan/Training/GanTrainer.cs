using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NativeGan.Autodiff;
using NativeGan.Gan.Data;
using NativeGan.Gan.Images;
using NativeGan.Gan.Models;
using NativeGan.Nn;
using NativeGan.Nn.IO;
using NativeGan.Tensors;

namespace NativeGan.Gan.Training;

/// <summary>
/// Trains a GAN on MNIST for a fixed number of epochs and writes the run folder: config,
/// metrics CSV, a sample grid from one fixed z and a checkpoint after every epoch, and a
/// summary at the end. There is no early stopping; a NaN or infinite loss stops the run.
/// </summary>
public sealed class GanTrainer
{
    private readonly TrainingConfig _config;
    private readonly MnistDataset _data;
    private readonly ILogger _logger;
    private readonly RunFolder _folder;
    private readonly Rng _initRng;
    private readonly Rng _shuffleRng;
    private readonly Rng _noiseRng;
    private readonly Tensor _fixedNoise;
    private readonly GanStep _step;

    /// <summary>Creates the models and optimizers; nothing is written until <see cref="Run"/>.</summary>
    public GanTrainer(TrainingConfig config, MnistDataset data, ILogger? logger = null)
    {
        config.Validate();
        _config = config;
        _data = data;
        _logger = logger ?? NullLogger.Instance;
        _folder = new RunFolder(config.OutputFolder);

        // Separate streams, so that e.g. a different batch count does not shift the weights.
        _initRng = new Rng(config.Seed);
        _shuffleRng = new Rng(config.Seed + 1);
        _noiseRng = new Rng(config.Seed + 2);
        _fixedNoise = new Tensor(config.SampleCount, config.LatentSize);
        new Rng(config.Seed + 3).FillNormal(_fixedNoise.Data);

        var (generator, discriminator) = GanModelFactory.Create(config.Model, config.LatentSize, _initRng);
        _step = new GanStep(
            generator,
            discriminator,
            new Adam(generator.Parameters(), config.LearningRate, config.Beta1, config.Beta2),
            new Adam(discriminator.Parameters(), config.LearningRate, config.Beta1, config.Beta2),
            _noiseRng);
    }

    /// <summary>Raised after every step, on the training thread.</summary>
    public event Action<StepMetrics>? StepCompleted;

    /// <summary>Raised after every epoch, once its grid and checkpoint are written.</summary>
    public event Action<EpochSummary>? EpochCompleted;

    /// <summary>Paths of this run's outputs.</summary>
    public RunFolder Folder => _folder;

    /// <summary>Generator being trained.</summary>
    public ImageGenerator Generator => _step.Generator;

    /// <summary>Discriminator being trained.</summary>
    public ImageDiscriminator Discriminator => _step.Discriminator;

    /// <summary>Number of training images used per epoch.</summary>
    public int SamplesPerEpoch => _config.TrainSamples == 0
        ? _data.Count
        : Math.Min(_config.TrainSamples, _data.Count);

    /// <summary>Steps per epoch: full batches only.</summary>
    public int StepsPerEpoch => SamplesPerEpoch / _config.BatchSize;

    /// <summary>Runs every epoch and returns the summary; <paramref name="overwrite"/> replaces an old run.</summary>
    public TrainingSummary Run(bool overwrite = false, CancellationToken cancellation = default)
    {
        if (StepsPerEpoch == 0)
        {
            throw new InvalidConfigException(
                nameof(TrainingConfig.BatchSize), _config.BatchSize,
                $"must not exceed the {SamplesPerEpoch} training images");
        }

        _folder.Create(overwrite);
        AtomicFile.WriteAllText(_folder.ConfigPath, _config.ToJson());
        _logger.LogInformation(
            "Training {Model} GAN: {Epochs} epochs of {Steps} steps, batch {Batch}, G {GParams} " +
            "and D {DParams} parameters, {Threads} threads, run folder {Folder}",
            _config.Model, _config.Epochs, StepsPerEpoch, _config.BatchSize,
            Generator.ParameterCount(), Discriminator.ParameterCount(), ComputeThreads.Max,
            _folder.Root);

        var epochs = new List<EpochSummary>();
        var total = Stopwatch.StartNew();
        long globalStep = 0;
        int[] order = Enumerable.Range(0, SamplesPerEpoch).ToArray();
        var batch = new Tensor(_config.BatchSize, 1, _data.Height, _data.Width);
        using var metrics = new StreamWriter(_folder.MetricsPath, append: false);
        metrics.WriteLine(StepMetrics.CsvHeader);

        for (int epoch = 1; epoch <= _config.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var sums = new double[4];
            _shuffleRng.Shuffle(order.AsSpan());
            for (int i = 0; i < StepsPerEpoch; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                _data.CopyImages(order.AsSpan(i * _config.BatchSize, _config.BatchSize), batch.Data);
                globalStep++;
                StepMetrics step = _step.Run(batch) with { Step = globalStep, Epoch = epoch };
                CheckFinite(step);
                sums[0] += step.LossD;
                sums[1] += step.LossG;
                sums[2] += step.DReal;
                sums[3] += step.DFake;
                if (globalStep % _config.LogEvery == 0)
                {
                    metrics.WriteLine(step.ToCsvRow());
                }

                StepCompleted?.Invoke(step);
            }

            metrics.Flush();
            double seconds = clock.Elapsed.TotalSeconds;
            string gridPath = _folder.SampleGridPath(epoch);
            SaveSampleGrid(gridPath);
            string checkpointPath = _folder.CheckpointPath(epoch);
            GanCheckpoint.Save(
                checkpointPath, _step, _config, epoch, globalStep,
                new Dictionary<string, Rng>
                {
                    ["shuffle"] = _shuffleRng,
                    ["noise"] = _noiseRng,
                });

            var summary = new EpochSummary(
                epoch, StepsPerEpoch, seconds,
                sums[0] / StepsPerEpoch, sums[1] / StepsPerEpoch,
                sums[2] / StepsPerEpoch, sums[3] / StepsPerEpoch,
                gridPath, checkpointPath);
            epochs.Add(summary);
            _logger.LogInformation(
                "Epoch {Epoch}/{Epochs}: loss_d {LossD:F4} loss_g {LossG:F4} D(x) {DReal:F3} " +
                "D(G(z)) {DFake:F3}, {Seconds:F1} s ({StepsPerSecond:F1} steps/s), grid {Grid}",
                epoch, _config.Epochs, summary.MeanLossD, summary.MeanLossG, summary.MeanDReal,
                summary.MeanDFake, seconds, StepsPerEpoch / seconds, gridPath);
            EpochCompleted?.Invoke(summary);
        }

        var result = new TrainingSummary(_folder.Root, globalStep, total.Elapsed.TotalSeconds, epochs);
        AtomicFile.WriteAllText(
            _folder.SummaryPath, JsonSerializer.Serialize(result, TrainingConfig.JsonOptions));
        return result;
    }

    /// <summary>Generates images from the fixed z in evaluation mode and writes them as a grid PNG.</summary>
    public void SaveSampleGrid(string path)
    {
        Tensor images;
        using (GradMode.NoGrad())
        {
            Generator.Eval();
            images = Generator.Forward(new Variable(_fixedNoise)).Value;
            Generator.Train();
        }

        ImageGrid.FromImages(images, scale: 2).SavePng(path);
    }

    private static void CheckFinite(StepMetrics step)
    {
        if (!float.IsFinite(step.LossD) || !float.IsFinite(step.LossG))
        {
            throw new TrainingDivergedException(
                $"Training diverged at step {step.Step} (epoch {step.Epoch}): loss_d " +
                $"{step.LossD}, loss_g {step.LossG}. The checkpoint of the last finished " +
                "epoch is kept; lower the learning rate or change the model and train again.");
        }
    }
}
