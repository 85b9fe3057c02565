using System.Text.Json;
using NativeGan.Gan.Training;

namespace NativeGan.Gan.Vae;

/// <summary>Options of a VAE training run; written to its folder as config.json.</summary>
public sealed record VaeConfig
{
    /// <summary>GAN model whose generator is the decoder: "dcgan" or "mlp".</summary>
    public string Model { get; init; } = "dcgan";

    /// <summary>Architecture of the decoder, as G's in the GAN it will warm-start.</summary>
    public Models.ArchitectureOptions Architecture { get; init; } = new();

    /// <summary>Folder holding the four MNIST IDX files.</summary>
    public string DataFolder { get; init; } = "data/mnist";

    /// <summary>Run folder for config, metrics, grids and checkpoints.</summary>
    public string OutputFolder { get; init; } = "runs/vae";

    /// <summary>Number of passes over the training images.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Images per step.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Weight of the KL term in the loss.</summary>
    public float Beta { get; init; } = 1f;

    /// <summary>Reconstruction loss: "bce" on pixels mapped to [0, 1], or "mse" on [-1, 1].</summary>
    public string Reconstruction { get; init; } = "bce";

    /// <summary>Length of z; must match the GAN that the decoder will warm-start.</summary>
    public int LatentSize { get; init; } = 100;

    /// <summary>Seed of the weights, shuffling and sampling.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Number of training images used; 0 means all of them.</summary>
    public int TrainSamples { get; init; }

    /// <summary>Images in each epoch's sample grid.</summary>
    public int SampleCount { get; init; } = 64;

    /// <summary>Throws <see cref="InvalidConfigException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        Require(
            Models.GanModelFactory.ModelNames.Contains(Model),
            nameof(Model), Model, $"must be one of: {string.Join(", ", Models.GanModelFactory.ModelNames)}");
        Require(Epochs >= 1, nameof(Epochs), Epochs, "must be at least 1");
        Architecture.Validate(Model);
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "must be at least 1");
        Require(
            float.IsFinite(LearningRate) && LearningRate > 0f,
            nameof(LearningRate), LearningRate, "must be a positive number");
        Require(float.IsFinite(Beta) && Beta >= 0f, nameof(Beta), Beta, "must be 0 or more");
        Require(
            Reconstruction is "bce" or "mse",
            nameof(Reconstruction), Reconstruction, "must be \"bce\" or \"mse\"");
        Require(LatentSize >= 1, nameof(LatentSize), LatentSize, "must be at least 1");
        Require(TrainSamples >= 0, nameof(TrainSamples), TrainSamples, "must be 0 (all) or more");
        Require(SampleCount >= 1, nameof(SampleCount), SampleCount, "must be at least 1");
    }

    /// <summary>Serializes the config as indented JSON with camelCase names.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, TrainingConfig.JsonOptions);

    private static void Require(bool valid, string field, object? value, string rule)
    {
        if (!valid)
        {
            throw new InvalidConfigException(field, value, rule);
        }
    }
}
