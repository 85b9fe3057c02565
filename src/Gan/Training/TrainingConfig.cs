using System.Text.Json;
using System.Text.Json.Serialization;
using NativeGan.Gan.Models;

namespace NativeGan.Gan.Training;

/// <summary>
/// Everything that determines a GAN training run. Written to the run folder as config.json;
/// the same config and seed give the same numbers on the CPU.
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>Model family: "dcgan" (convolutional) or "mlp".</summary>
    public string Model { get; init; } = "dcgan";

    /// <summary>Folder holding the four MNIST IDX files.</summary>
    public string DataFolder { get; init; } = "data/mnist";

    /// <summary>Run folder for config, metrics, samples and checkpoints.</summary>
    public string OutputFolder { get; init; } = "runs/gan";

    /// <summary>Number of passes over the training images.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Images per step; the last incomplete batch of an epoch is dropped.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate of both networks.</summary>
    public float LearningRate { get; init; } = 2e-4f;

    /// <summary>Adam beta1 of both networks.</summary>
    public float Beta1 { get; init; } = 0.5f;

    /// <summary>Adam beta2 of both networks.</summary>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>Length of the latent vector z, drawn from N(0, 1).</summary>
    public int LatentSize { get; init; } = 100;

    /// <summary>Seed of every random draw: weights, shuffling, noise and the fixed z.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Number of training images used; 0 means all of them (60,000 for MNIST).</summary>
    public int TrainSamples { get; init; }

    /// <summary>Images in each epoch's sample grid, drawn from one fixed z.</summary>
    public int SampleCount { get; init; } = 64;

    /// <summary>A metrics row is written every this many steps.</summary>
    public int LogEvery { get; init; } = 1;

    /// <summary>Per-layer gradient and weight norms are recorded every this many steps; 0 turns them off.</summary>
    public int MonitorEvery { get; init; } = 50;

    /// <summary>Sample quality (FD, class coverage) is scored every this many epochs; 0 turns it off.</summary>
    public int QualityEvery { get; init; } = 1;

    /// <summary>Generated images per quality score.</summary>
    public int QualitySamples { get; init; } = 10_000;

    /// <summary>Activations, widths, batch norm and dropout around the reference model.</summary>
    public ArchitectureOptions Architecture { get; init; } = new();

    /// <summary>VAE checkpoint whose decoder initializes G; null trains G from scratch.</summary>
    public string? WarmStart { get; init; }

    /// <summary>Steps of D alone against the initial G before both train; the usual use is after a warm start.</summary>
    public int PretrainDiscriminatorSteps { get; init; }

    /// <summary>D's targets: soft and noisy labels, reversal, flips.</summary>
    public LabelOptions Labels { get; init; } = new();

    /// <summary>G's objective.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<GeneratorLoss>))]
    public GeneratorLoss GeneratorLoss { get; init; } = GeneratorLoss.NonSaturating;

    /// <summary>Throws with the field name, its value and the accepted range if a value is invalid.</summary>
    public void Validate()
    {
        Require(
            GanModelFactory.ModelNames.Contains(Model),
            nameof(Model), Model, $"must be one of: {string.Join(", ", GanModelFactory.ModelNames)}");
        Require(Epochs >= 1, nameof(Epochs), Epochs, "must be at least 1");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "must be at least 1");
        Require(
            float.IsFinite(LearningRate) && LearningRate > 0f,
            nameof(LearningRate), LearningRate, "must be a positive number");
        Require(Beta1 >= 0f && Beta1 < 1f, nameof(Beta1), Beta1, "must be in [0, 1)");
        Require(Beta2 >= 0f && Beta2 < 1f, nameof(Beta2), Beta2, "must be in [0, 1)");
        Require(LatentSize >= 1, nameof(LatentSize), LatentSize, "must be at least 1");
        Require(TrainSamples >= 0, nameof(TrainSamples), TrainSamples, "must be 0 (all) or more");
        Require(
            TrainSamples == 0 || TrainSamples >= BatchSize,
            nameof(TrainSamples), TrainSamples, $"must be 0 (all) or at least the batch size {BatchSize}");
        Require(SampleCount >= 1, nameof(SampleCount), SampleCount, "must be at least 1");
        Require(LogEvery >= 1, nameof(LogEvery), LogEvery, "must be at least 1");
        Require(MonitorEvery >= 0, nameof(MonitorEvery), MonitorEvery, "must be 0 (off) or more");
        Require(QualityEvery >= 0, nameof(QualityEvery), QualityEvery, "must be 0 (off) or more");
        Require(QualitySamples >= 2, nameof(QualitySamples), QualitySamples, "must be at least 2");
        Require(
            PretrainDiscriminatorSteps >= 0,
            nameof(PretrainDiscriminatorSteps), PretrainDiscriminatorSteps, "must be 0 (off) or more");
        Require(
            WarmStart is null || File.Exists(WarmStart),
            nameof(WarmStart), WarmStart, "must be an existing VAE checkpoint file");
        Require(Labels is not null, nameof(Labels), Labels, "must be set");
        Require(Architecture is not null, nameof(Architecture), Architecture, "must be set");
        Architecture!.Validate(Model);
        Labels!.Validate();
        Require(!string.IsNullOrWhiteSpace(DataFolder), nameof(DataFolder), DataFolder, "must be set");
        Require(!string.IsNullOrWhiteSpace(OutputFolder), nameof(OutputFolder), OutputFolder, "must be set");
    }

    /// <summary>Serializes the config as indented JSON with camelCase names.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Options shared by config reading and writing.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static void Require(bool valid, string field, object? value, string rule)
    {
        if (!valid)
        {
            throw new InvalidConfigException(field, value, rule);
        }
    }
}
