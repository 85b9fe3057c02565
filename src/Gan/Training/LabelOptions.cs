namespace NativeGan.Gan.Training;

/// <summary>
/// Targets that D is trained toward: hard or soft and noisy labels, the usual or the swapped
/// convention, and random flips.
/// </summary>
public sealed record LabelOptions
{
    /// <summary>Draws soft targets per sample and step instead of hard 1 and 0.</summary>
    public bool Soft { get; init; }

    /// <summary>Lower bound of a soft real target, before any reversal.</summary>
    public float RealLow { get; init; } = 0.8f;

    /// <summary>Upper bound of a soft real target, before any reversal.</summary>
    public float RealHigh { get; init; } = 1.0f;

    /// <summary>Lower bound of a soft fake target, before any reversal.</summary>
    public float FakeLow { get; init; } = 0.0f;

    /// <summary>Upper bound of a soft fake target, before any reversal.</summary>
    public float FakeHigh { get; init; } = 0.2f;

    /// <summary>Uses the swapped convention throughout: real = 0, fake = 1 (targets t become 1 - t).</summary>
    public bool Reversed { get; init; }

    /// <summary>Probability that a sample's D target is replaced by the other class's target.</summary>
    public float FlipProbability { get; init; }

    /// <summary>Throws <see cref="InvalidConfigException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        CheckRange(nameof(RealLow), RealLow, nameof(RealHigh), RealHigh);
        CheckRange(nameof(FakeLow), FakeLow, nameof(FakeHigh), FakeHigh);
        if (!(FlipProbability >= 0f && FlipProbability <= 1f))
        {
            throw new InvalidConfigException(
                $"labels.{nameof(FlipProbability)}", FlipProbability, "must be in [0, 1]");
        }
    }

    private static void CheckRange(string lowName, float low, string highName, float high)
    {
        foreach (var (name, value) in new[] { (lowName, low), (highName, high) })
        {
            if (!(value >= 0f && value <= 1f))
            {
                throw new InvalidConfigException($"labels.{name}", value, "must be in [0, 1]");
            }
        }

        if (low > high)
        {
            throw new InvalidConfigException(
                $"labels.{lowName}", low, $"must not exceed labels.{highName} ({high})");
        }
    }
}
