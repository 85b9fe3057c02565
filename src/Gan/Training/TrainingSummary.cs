namespace NativeGan.Gan.Training;

/// <summary>Result of a finished run, also written as summary.json.</summary>
/// <param name="RunFolder">Absolute path of the run folder.</param>
/// <param name="Steps">Total steps taken.</param>
/// <param name="Seconds">Total wall time of training, in seconds.</param>
/// <param name="Epochs">Per-epoch averages and output paths.</param>
/// <param name="Device">
/// Device that ran the last session's steps, such as "cpu" or "cuda:0 'NVIDIA H200' (sm_90)".
/// </param>
public sealed record TrainingSummary(
    string RunFolder,
    long Steps,
    double Seconds,
    IReadOnlyList<EpochSummary> Epochs,
    string Device = "cpu");
