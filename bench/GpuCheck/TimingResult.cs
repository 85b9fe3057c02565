namespace NativeGan.GpuCheck;

/// <summary>
/// One timed operation on the device, such as SGEMM at one size. Operations without a
/// flop count, such as a whole training step, leave <see cref="Gflops"/> null.
/// </summary>
/// <param name="Name">Key of the figure, such as "sgemm_4096".</param>
/// <param name="Size">Problem size in words.</param>
/// <param name="LaunchesPerRound">Operations queued between two synchronizations.</param>
/// <param name="Rounds">Timed rounds, each of <see cref="LaunchesPerRound"/> operations.</param>
/// <param name="MedianMilliseconds">Median over rounds of the time per operation, in ms.</param>
/// <param name="MinMilliseconds">Fastest round's time per operation, in ms.</param>
/// <param name="Gflops">
/// Billions of floating-point operations per second at the median time, or null.
/// </param>
/// <param name="Error">The exception that stopped the timing, or null.</param>
internal sealed record TimingResult(
    string Name,
    string Size,
    int LaunchesPerRound,
    int Rounds,
    double MedianMilliseconds,
    double MinMilliseconds,
    double? Gflops,
    string? Error);
