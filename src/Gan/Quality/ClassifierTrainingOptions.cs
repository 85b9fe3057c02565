namespace NativeGan.Gan.Quality;

/// <summary>
/// Settings of the MNIST classifier's training: Adam with PyTorch's betas, a fixed seed and
/// whole passes over the training split.
/// </summary>
public sealed record ClassifierTrainingOptions
{
    /// <summary>Number of passes over the training images.</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Images per step; the last, smaller batch of an epoch is kept.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate of the first epoch.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Factor applied to the learning rate after every epoch.</summary>
    public float LearningRateDecay { get; init; } = 0.3f;

    /// <summary>Seed of the initial weights and the shuffling.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>A progress line is logged every this many steps.</summary>
    public int LogEvery { get; init; } = 100;

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.
    /// </summary>
    public void Validate()
    {
        Require(Epochs >= 1, nameof(Epochs), Epochs, "at least 1");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Require(
            float.IsFinite(LearningRate) && LearningRate > 0f,
            nameof(LearningRate), LearningRate, "a positive number");
        Require(
            LearningRateDecay > 0f && LearningRateDecay <= 1f,
            nameof(LearningRateDecay), LearningRateDecay, "in (0, 1]");
        Require(LogEvery >= 1, nameof(LogEvery), LogEvery, "at least 1");
    }

    private static void Require(bool valid, string name, object value, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(
                name, value, $"Classifier training option {name} is {value}; it must be {rule}.");
        }
    }
}
