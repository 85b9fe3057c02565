using NativeGan.Gan.Training;

namespace NativeGan.Gan.Ablation;

/// <summary>One arm of an ablation: a named change to the baseline training config.</summary>
/// <param name="Name">Short name used in folders and tables, e.g. soft-labels.</param>
/// <param name="Description">What the arm changes, for the table.</param>
/// <param name="Apply">Returns the baseline config with the change; the warm-start path is passed in.</param>
public sealed record AblationVariant(
    string Name, string Description, Func<TrainingConfig, string?, TrainingConfig> Apply)
{
    /// <summary>Whether the arm needs a trained VAE checkpoint.</summary>
    public bool NeedsVae { get; init; }
}
