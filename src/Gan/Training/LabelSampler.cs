using NativeGan.Tensors;

namespace NativeGan.Gan.Training;

/// <summary>
/// Draws D's targets for each step from <see cref="LabelOptions"/>, and gives the label that
/// G's loss aims at. Uses its own generator so that label noise does not shift other draws.
/// </summary>
public sealed class LabelSampler(LabelOptions options, Rng rng)
{
    /// <summary>Options the targets are drawn from.</summary>
    public LabelOptions Options { get; } = options;

    /// <summary>Generator of the label noise and flips; saved in checkpoints.</summary>
    public Rng Rng { get; } = rng;

    /// <summary>Hard label of real images: 1, or 0 when reversed.</summary>
    public float RealLabel => Options.Reversed ? 0f : 1f;

    /// <summary>Hard label of generated images: 0, or 1 when reversed.</summary>
    public float FakeLabel => Options.Reversed ? 1f : 0f;

    /// <summary>Fills D's targets for a batch of real images.</summary>
    public void FillRealTargets(Span<float> targets) => Fill(targets, real: true);

    /// <summary>Fills D's targets for a batch of generated images.</summary>
    public void FillFakeTargets(Span<float> targets) => Fill(targets, real: false);

    /// <summary>Returns whether a logit is D's vote for "real" under the active convention.</summary>
    public bool VotesReal(float logit) => Options.Reversed ? logit < 0f : logit > 0f;

    private void Fill(Span<float> targets, bool real)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            // The flip draw comes first and always happens when flips are on, so that the
            // sequence of draws does not depend on the outcome.
            bool asReal = real;
            if (Options.FlipProbability > 0f && Rng.NextFloat() < Options.FlipProbability)
            {
                asReal = !real;
            }

            float target = asReal ? Draw(Options.RealLow, Options.RealHigh, 1f)
                : Draw(Options.FakeLow, Options.FakeHigh, 0f);
            targets[i] = Options.Reversed ? 1f - target : target;
        }
    }

    private float Draw(float low, float high, float hard) =>
        Options.Soft ? Rng.Uniform(low, high) : hard;
}
