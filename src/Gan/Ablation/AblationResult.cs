namespace NativeGan.Gan.Ablation;

/// <summary>Final numbers of one run of an ablation arm.</summary>
/// <param name="Variant">Arm name.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="RunFolder">Folder of the run.</param>
/// <param name="LossD">Mean D loss over the last epoch.</param>
/// <param name="LossG">Mean G loss over the last epoch.</param>
/// <param name="FrechetDistance">FD of the final samples; NaN when quality was not scored.</param>
/// <param name="CoverageEntropy">Class-coverage entropy of the final samples; NaN when not scored.</param>
public sealed record AblationResult(
    string Variant,
    ulong Seed,
    string RunFolder,
    double LossD,
    double LossG,
    double FrechetDistance,
    double CoverageEntropy);
