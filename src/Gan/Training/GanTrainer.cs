using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NativeGan.Autodiff;
using NativeGan.Gan.Data;
using NativeGan.Gan.Images;
using NativeGan.Gan.Models;
using NativeGan.Gan.Monitoring;
using NativeGan.Gan.Quality;
using NativeGan.Gan.Reports;
using NativeGan.Gan.Vae;
using NativeGan.Nn;
using NativeGan.Nn.IO;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Gan.Training;

/// <summary>
/// Trains a GAN on MNIST for a fixed number of epochs and writes the run folder: config,
/// metrics CSV, gradient norms, a sample grid from one fixed z and a checkpoint after every
/// epoch, and a summary at the end. There is no early stopping; a NaN or infinite loss
/// stops the run and keeps the last checkpoint. A run can resume from its last checkpoint
/// and then produces the same numbers as an uninterrupted run.
/// </summary>
public sealed class GanTrainer
{
    private readonly TrainingConfig _config;
    private readonly MnistDataset _data;
    private readonly ILogger _logger;
    private readonly RunFolder _folder;
    private readonly Dictionary<string, Rng> _streams;
    private readonly Tensor _fixedNoise;
    private readonly GanStep _step;
    private readonly GradientMonitor _monitor;
    private readonly Rng _pretrainShuffleRng;
    private readonly QualityEvaluator? _quality;

    /// <summary>
    /// Creates the models and optimizers on <paramref name="device"/> (the CPU when null);
    /// nothing is written until <see cref="Run"/>. With a <paramref name="quality"/>
    /// evaluator, sample quality is scored every <see cref="TrainingConfig.QualityEvery"/>
    /// epochs into quality.csv.
    /// </summary>
    public GanTrainer(
        TrainingConfig config,
        MnistDataset data,
        ILogger? logger = null,
        QualityEvaluator? quality = null,
        ComputeDevice? device = null)
    {
        Device = device ?? ComputeDevice.Cpu;
        _quality = quality;
        config.Validate();
        _config = config;
        _data = data;
        _logger = logger ?? NullLogger.Instance;
        _folder = new RunFolder(config.OutputFolder);
        _monitor = new GradientMonitor(_logger);

        // Separate streams, so that e.g. turning on label noise does not shift the weights
        // or the latent draws. All but the weights' stream are saved in checkpoints.
        var initRng = new Rng(config.Seed);
        _streams = new Dictionary<string, Rng>
        {
            ["shuffle"] = new Rng(config.Seed + 1),
            ["noise"] = new Rng(config.Seed + 2),
            ["labels"] = new Rng(config.Seed + 4),
            ["dropout"] = new Rng(config.Seed + 6),
        };
        _pretrainShuffleRng = new Rng(config.Seed + 5);
        _fixedNoise = new Tensor(config.SampleCount, config.LatentSize);
        new Rng(config.Seed + 3).FillNormal(_fixedNoise.Data);

        var (generator, discriminator) = GanModelFactory.Create(
            config.Model, config.LatentSize, initRng, config.Architecture, _streams["dropout"]);
        if (config.WarmStart is not null)
        {
            VaeCheckpoint.LoadDecoderInto(config.WarmStart, generator);
        }

        // Moved before the optimizers exist, so that their moments are allocated there too.
        generator.To(Device);
        discriminator.To(Device);
        _step = new GanStep(
            generator,
            discriminator,
            new Adam(generator.Parameters(), config.LearningRate, config.Beta1, config.Beta2),
            new Adam(discriminator.Parameters(), config.LearningRate, config.Beta1, config.Beta2),
            _streams["noise"],
            new LabelSampler(config.Labels, _streams["labels"]),
            config.GeneratorLoss);
    }

    /// <summary>Device that runs the training steps.</summary>
    public ComputeDevice Device { get; }

    /// <summary>Raised after every step, on the training thread.</summary>
    public event Action<StepMetrics>? StepCompleted;

    /// <summary>Raised after every epoch, once its grid and checkpoint are written.</summary>
    public event Action<EpochSummary>? EpochCompleted;

    /// <summary>Paths of this run's outputs.</summary>
    public RunFolder Folder => _folder;

    /// <summary>Options of this run.</summary>
    public TrainingConfig Config => _config;

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

    /// <summary>Epochs finished before <see cref="Run"/> or <see cref="Resume"/> continues.</summary>
    public int CompletedEpochs { get; private set; }

    /// <summary>Starts a new run; <paramref name="overwrite"/> replaces an old run in the folder.</summary>
    public TrainingSummary Run(bool overwrite = false, CancellationToken cancellation = default)
    {
        CheckBatchFits();
        _folder.Create(overwrite);
        AtomicFile.WriteAllText(_folder.ConfigPath, _config.ToJson());
        AtomicFile.WriteAllText(_folder.MetricsPath, StepMetrics.CsvHeader + "\n");
        AtomicFile.WriteAllText(_folder.GradientsPath, ParameterNorms.CsvHeader + "\n");
        PretrainDiscriminator(cancellation);
        return Train([], 0, cancellation);
    }

    /// <summary>
    /// Continues the run in <see cref="Folder"/> from its last checkpoint: restores the
    /// networks, optimizers and random streams, drops the metrics written after that
    /// checkpoint, and trains the remaining epochs.
    /// </summary>
    public TrainingSummary Resume(CancellationToken cancellation = default)
    {
        CheckBatchFits();
        int lastEpoch = _folder.LastCheckpointEpoch();
        if (lastEpoch == 0)
        {
            throw new InvalidDataException(
                $"{_folder.Root} has no checkpoint yet, so there is nothing to resume. Start " +
                "the run again with --overwrite.");
        }

        string checkpoint = _folder.CheckpointPath(lastEpoch);
        var (epoch, globalStep) = GanCheckpoint.Load(checkpoint, _step, _streams);
        List<EpochSummary> epochs = EpochLog.Read(_folder.EpochsPath, _folder.Root)
            .Where(e => e.Epoch <= epoch).ToList();
        CsvLog.KeepSteps(_folder.MetricsPath, globalStep);
        CsvLog.KeepSteps(_folder.GradientsPath, globalStep);
        string qualityPath = QualityCsv.PathIn(_folder);
        QualityCsv.Write(qualityPath, QualityCsv.Read(qualityPath).Where(row => row.Epoch <= epoch));
        File.Delete(_folder.SummaryPath);
        _logger.LogInformation(
            "Resuming {Folder} after epoch {Epoch} (step {Step}) from {Checkpoint}",
            _folder.Root, epoch, globalStep, checkpoint);
        return Train(epochs, globalStep, cancellation);
    }

    /// <summary>Generates images from the fixed z in evaluation mode and writes them as a grid PNG.</summary>
    public void SaveSampleGrid(string path)
    {
        Tensor images;
        using (GradMode.NoGrad())
        {
            Generator.Eval();
            images = Generator.Forward(new Variable(_fixedNoise.To(Generator.Device))).Value
                .To(ComputeDevice.Cpu);
            Generator.Train();
        }

        ImageGrid.FromImages(images, scale: 2).SavePng(path);
    }

    // D alone against the initial (for example warm-started) G, so that G's first updates
    // get gradients from a D that already separates real from generated images.
    private void PretrainDiscriminator(CancellationToken cancellation)
    {
        int steps = _config.PretrainDiscriminatorSteps;
        if (steps == 0)
        {
            return;
        }

        _logger.LogInformation("Pre-training D alone for {Steps} steps", steps);
        var batch = new Tensor(_config.BatchSize, 1, _data.Height, _data.Width);
        int[] order = Enumerable.Range(0, SamplesPerEpoch).ToArray();
        using var log = new StreamWriter(_folder.PretrainPath, append: false);
        log.WriteLine(StepMetrics.CsvHeader);
        for (int i = 0; i < steps; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            int position = i % StepsPerEpoch;
            if (position == 0)
            {
                order = Enumerable.Range(0, SamplesPerEpoch).ToArray();
                _pretrainShuffleRng.Shuffle(order.AsSpan());
            }

            _data.CopyImages(
                order.AsSpan(position * _config.BatchSize, _config.BatchSize), batch.Data);
            StepMetrics step = _step.RunDiscriminatorOnly(batch) with { Step = i + 1, Epoch = 0 };
            if (!float.IsFinite(step.LossD))
            {
                throw new TrainingDivergedException(
                    $"D pre-training diverged at step {i + 1}: loss_d {step.LossD}. Lower the " +
                    "learning rate and train again.");
            }

            log.WriteLine(step.ToCsvRow());
        }

        _logger.LogInformation("D pre-training done; log in {Path}", _folder.PretrainPath);
    }

    private TrainingSummary Train(
        List<EpochSummary> epochs, long globalStep, CancellationToken cancellation)
    {
        CompletedEpochs = epochs.Count;
        _logger.LogInformation(
            "Training {Model} GAN: epochs {First} to {Epochs} of {Steps} steps, batch {Batch}, " +
            "G {GParams} and D {DParams} parameters, on {Device} ({Threads} host threads), " +
            "run folder {Folder}",
            _config.Model, CompletedEpochs + 1, _config.Epochs, StepsPerEpoch, _config.BatchSize,
            Generator.ParameterCount(), Discriminator.ParameterCount(), Device.Name,
            ComputeThreads.Max, _folder.Root);

        var total = Stopwatch.StartNew();
        using var metrics = new StreamWriter(_folder.MetricsPath, append: true);
        using var gradients = new StreamWriter(_folder.GradientsPath, append: true);
        for (int epoch = CompletedEpochs + 1; epoch <= _config.Epochs; epoch++)
        {
            (EpochSummary summary, globalStep) =
                TrainEpoch(epoch, globalStep, metrics, gradients, cancellation);
            epochs.Add(summary);
            CompletedEpochs = epoch;
            AtomicFile.WriteAllText(_folder.EpochsPath, EpochLog.Format(epochs, _folder.Root));
            ScoreQuality(epoch);
            WriteReport();
            _logger.LogInformation(
                "Epoch {Epoch}/{Epochs}: loss_d {LossD:F4} loss_g {LossG:F4} D(x) {DReal:F3} " +
                "D(G(z)) {DFake:F3}, {Seconds:F1} s ({StepsPerSecond:F1} steps/s), grid {Grid}",
                epoch, _config.Epochs, summary.MeanLossD, summary.MeanLossG, summary.MeanDReal,
                summary.MeanDFake, summary.Seconds, summary.Steps / summary.Seconds,
                summary.SampleGridPath);
            EpochCompleted?.Invoke(summary);
        }

        var result = new TrainingSummary(
            _folder.Root, globalStep, epochs.Sum(e => e.Seconds), epochs, Device.Name);
        AtomicFile.WriteAllText(
            _folder.SummaryPath, JsonSerializer.Serialize(result, TrainingConfig.JsonOptions));
        WriteReport();
        if (_monitor.WarningCount > 0)
        {
            _logger.LogWarning(
                "{Count} vanished or exploding gradients in this session; see {Path}",
                _monitor.WarningCount, _folder.GradientsPath);
        }

        return result;
    }

    private (EpochSummary Summary, long GlobalStep) TrainEpoch(
        int epoch,
        long globalStep,
        StreamWriter metrics,
        StreamWriter gradients,
        CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var batch = new Tensor(_config.BatchSize, 1, _data.Height, _data.Width);

        // Each epoch shuffles the identity permutation, so the order depends only on the
        // stream's state, which a checkpoint restores.
        int[] order = Enumerable.Range(0, SamplesPerEpoch).ToArray();
        _streams["shuffle"].Shuffle(order.AsSpan());

        var sums = new double[4];
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

            if (_config.MonitorEvery > 0 && globalStep % _config.MonitorEvery == 0)
            {
                WriteNorms(gradients, _monitor.Measure(globalStep, "G", Generator));
                WriteNorms(gradients, _monitor.Measure(globalStep, "D", Discriminator));
            }

            StepCompleted?.Invoke(step);
        }

        metrics.Flush();
        gradients.Flush();
        double seconds = clock.Elapsed.TotalSeconds;
        string gridPath = _folder.SampleGridPath(epoch);
        SaveSampleGrid(gridPath);
        string checkpointPath = _folder.CheckpointPath(epoch);
        GanCheckpoint.Save(checkpointPath, _step, _config, epoch, globalStep, _streams);

        int steps = StepsPerEpoch;
        var summary = new EpochSummary(
            epoch, steps, seconds, sums[0] / steps, sums[1] / steps, sums[2] / steps,
            sums[3] / steps, gridPath, checkpointPath);
        return (summary, globalStep);
    }

    private void ScoreQuality(int epoch)
    {
        if (_quality is null || _config.QualityEvery == 0 ||
            (epoch % _config.QualityEvery != 0 && epoch != _config.Epochs))
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        QualityScore score = _quality.Evaluate(Generator, _config.QualitySamples, _config.Seed);
        string path = QualityCsv.PathIn(_folder);
        QualityCsv.Merge(path, [new EpochQuality(epoch, score)]);
        _logger.LogInformation(
            "Epoch {Epoch} quality: FD {Fd:F2}, class coverage entropy {Entropy:F3} of 2.303, " +
            "{Samples} samples scored in {Seconds:F1} s",
            epoch, score.FrechetDistance, score.CoverageEntropy, _config.QualitySamples,
            clock.Elapsed.TotalSeconds);
    }

    // The report is for people: a failure to draw it is logged, and training goes on.
    private void WriteReport()
    {
        try
        {
            RunReport.Write(_folder);
        }
        catch (Exception error) when (error is IOException or InvalidDataException)
        {
            _logger.LogWarning(
                "Writing the report of {Folder} failed: {Message}", _folder.Root, error.Message);
        }
    }

    private static void WriteNorms(StreamWriter writer, IReadOnlyList<ParameterNorms> norms)
    {
        foreach (ParameterNorms entry in norms)
        {
            writer.WriteLine(entry.ToCsvRow());
        }
    }

    private void CheckBatchFits()
    {
        if (StepsPerEpoch == 0)
        {
            throw new InvalidConfigException(
                nameof(TrainingConfig.BatchSize), _config.BatchSize,
                $"must not exceed the {SamplesPerEpoch} training images");
        }
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
