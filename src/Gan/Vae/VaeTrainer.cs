using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NativeGan.Autodiff;
using NativeGan.Gan.Data;
using NativeGan.Gan.Images;
using NativeGan.Gan.Models;
using NativeGan.Gan.Training;
using NativeGan.Nn;
using NativeGan.Nn.IO;
using NativeGan.Tensors;

namespace NativeGan.Gan.Vae;

/// <summary>
/// Trains a <see cref="Models.Vae"/> on MNIST with loss = reconstruction + beta * KL, and
/// writes per epoch a reconstruction grid, a sample grid from a fixed z and a checkpoint
/// whose decoder can warm-start G.
/// </summary>
public sealed class VaeTrainer
{
    /// <summary>Header of the VAE metrics CSV.</summary>
    public const string CsvHeader = "step,epoch,loss,reconstruction,kl";

    private const int ReconstructionCount = 32;

    private readonly VaeConfig _config;
    private readonly MnistDataset _data;
    private readonly ILogger _logger;
    private readonly RunFolder _folder;
    private readonly Rng _shuffleRng;
    private readonly Rng _sampleRng;
    private readonly Tensor _fixedNoise;
    private readonly Adam _optimizer;

    /// <summary>Creates the model and optimizer; nothing is written until <see cref="Run"/>.</summary>
    public VaeTrainer(VaeConfig config, MnistDataset data, ILogger? logger = null)
    {
        config.Validate();
        _config = config;
        _data = data;
        _logger = logger ?? NullLogger.Instance;
        _folder = new RunFolder(config.OutputFolder);
        Model = VaeFactory.Create(
            config.Model, config.LatentSize, new Rng(config.Seed), config.Architecture);
        _shuffleRng = new Rng(config.Seed + 1);
        _sampleRng = new Rng(config.Seed + 2);
        _fixedNoise = new Tensor(config.SampleCount, config.LatentSize);
        new Rng(config.Seed + 3).FillNormal(_fixedNoise.Data);
        _optimizer = new Adam(Model.Parameters(), config.LearningRate);
    }

    /// <summary>Raised after every step with (step, loss, reconstruction, KL).</summary>
    public event Action<long, float, float, float>? StepCompleted;

    /// <summary>Model being trained.</summary>
    public Models.Vae Model { get; }

    /// <summary>Paths of this run's outputs.</summary>
    public RunFolder Folder => _folder;

    /// <summary>Options of this run.</summary>
    public VaeConfig Config => _config;

    /// <summary>Steps per epoch: full batches only.</summary>
    public int StepsPerEpoch =>
        (_config.TrainSamples == 0 ? _data.Count : Math.Min(_config.TrainSamples, _data.Count))
        / _config.BatchSize;

    /// <summary>Reconstruction grid of an epoch: originals and reconstructions in alternating columns.</summary>
    public string ReconstructionGridPath(int epoch) => Path.Combine(
        _folder.Root, "reconstructions",
        string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D4}.png"));

    /// <summary>Trains every epoch and returns the mean loss of the last one.</summary>
    public double Run(bool overwrite = false, CancellationToken cancellation = default)
    {
        if (StepsPerEpoch == 0)
        {
            throw new InvalidConfigException(
                nameof(VaeConfig.BatchSize), _config.BatchSize, "must not exceed the training images");
        }

        _folder.Create(overwrite);
        AtomicFile.WriteAllText(_folder.ConfigPath, _config.ToJson());
        using var metrics = new StreamWriter(_folder.MetricsPath, append: false);
        metrics.WriteLine(CsvHeader);
        int samples = StepsPerEpoch * _config.BatchSize;
        var batch = new Tensor(_config.BatchSize, 1, _data.Height, _data.Width);
        long step = 0;
        double lastMean = double.NaN;
        for (int epoch = 1; epoch <= _config.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            int[] order = Enumerable.Range(0, samples).ToArray();
            _shuffleRng.Shuffle(order.AsSpan());
            double sum = 0;
            for (int i = 0; i < StepsPerEpoch; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                _data.CopyImages(order.AsSpan(i * _config.BatchSize, _config.BatchSize), batch.Data);
                var (loss, reconstruction, kl) = TrainStep(batch);
                step++;
                sum += loss;
                metrics.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{step},{epoch},{loss:G9},{reconstruction:G9},{kl:G9}"));
                StepCompleted?.Invoke(step, loss, reconstruction, kl);
            }

            metrics.Flush();
            lastMean = sum / StepsPerEpoch;
            WriteGrids(epoch);
            VaeCheckpoint.Save(_folder.CheckpointPath(epoch), Model, _config.Model, epoch);
            _logger.LogInformation(
                "VAE epoch {Epoch}/{Epochs}: loss {Loss:F2} in {Seconds:F1} s, samples {Grid}",
                epoch, _config.Epochs, lastMean, clock.Elapsed.TotalSeconds,
                _folder.SampleGridPath(epoch));
        }

        AtomicFile.WriteAllText(
            _folder.SummaryPath,
            string.Create(CultureInfo.InvariantCulture, $"{{ \"steps\": {step}, \"lastEpochLoss\": {lastMean:G9} }}\n"));
        return lastMean;
    }

    private (float Loss, float Reconstruction, float Kl) TrainStep(Tensor images)
    {
        var x = new Variable(images);
        var (reconstructed, mean, logVariance) = Model.Reconstruct(x, _sampleRng);
        Variable reconstruction = ReconstructionLoss(reconstructed, images);
        Variable kl = Models.Vae.KlDivergence(mean, logVariance);
        Variable loss = reconstruction + kl * _config.Beta;
        _optimizer.ZeroGrad();
        loss.Backward();
        _optimizer.Step();
        float value = loss.Value.Item();
        if (!float.IsFinite(value))
        {
            throw new TrainingDivergedException(
                $"VAE training diverged: loss {value}. Lower the learning rate and train again.");
        }

        return (value, reconstruction.Value.Item(), kl.Value.Item());
    }

    // Summed over the pixels of an image and averaged over the batch, the usual VAE scale.
    private Variable ReconstructionLoss(Variable reconstructed, Tensor images)
    {
        int pixels = images.Length / images.Shape[0];
        if (_config.Reconstruction == "mse")
        {
            return Losses.MeanSquaredError(reconstructed, images) * pixels;
        }

        Tensor targets = TensorOps.Scale(TensorOps.AddScalar(images, 1f), 0.5f);
        Variable probabilities = (reconstructed + 1f) * 0.5f;
        return Losses.BinaryCrossEntropy(probabilities, targets) * pixels;
    }

    private void WriteGrids(int epoch)
    {
        using (GradMode.NoGrad())
        {
            Model.Eval();
            Tensor samples = Model.Decoder.Forward(new Variable(_fixedNoise)).Value;
            ImageGrid.FromImages(samples, scale: 2).SavePng(_folder.SampleGridPath(epoch));

            int count = Math.Min(ReconstructionCount, _data.Count);
            Tensor originals = _data.GetImages(Enumerable.Range(0, count).ToArray());
            Tensor codes = Model.Forward(new Variable(originals)).Value;
            Tensor decoded = Model.Decoder.Forward(new Variable(codes)).Value;
            var pairs = new Tensor(2 * count, originals.Shape[1], originals.Shape[2], originals.Shape[3]);
            int size = originals.Length / count;
            for (int i = 0; i < count; i++)
            {
                originals.Data.AsSpan(i * size, size).CopyTo(pairs.Data.AsSpan(2 * i * size));
                decoded.Data.AsSpan(i * size, size).CopyTo(pairs.Data.AsSpan((2 * i + 1) * size));
            }

            ImageGrid.FromImages(pairs, columns: 8, scale: 2).SavePng(ReconstructionGridPath(epoch));
            Model.Train();
        }
    }
}
