namespace NativeGan.GpuCheck;

/// <summary>
/// Outcome of comparing one device kernel output with its reference: the CPU kernel's
/// result, or a float64 transcription where NativeGan.Tensors has no CPU kernel.
/// </summary>
/// <param name="Family">Kernel family, such as "gemm" or "batch_norm".</param>
/// <param name="Name">Operation and output, such as "NT" or "backward dX".</param>
/// <param name="Size">Problem size in words, such as "1023x517x771" or a shape.</param>
/// <param name="Reference">What the device output was compared with.</param>
/// <param name="Elements">Number of output elements compared.</param>
/// <param name="MaxAbsError">Largest |device - reference| over the elements.</param>
/// <param name="MaxRelativeError">
/// Max-norm relative error: <see cref="MaxAbsError"/> divided by the largest |reference|.
/// </param>
/// <param name="MaxToleranceRatio">
/// Largest |device - reference| / tolerance over the elements; at most 1 when the check passes.
/// </param>
/// <param name="Tolerance">The tolerance rule in words.</param>
/// <param name="Passed">
/// Whether every element is finite and within its tolerance, and nothing threw.
/// </param>
/// <param name="Error">The exception that stopped the check, or null.</param>
internal sealed record CheckResult(
    string Family,
    string Name,
    string Size,
    string Reference,
    long Elements,
    double MaxAbsError,
    double MaxRelativeError,
    double MaxToleranceRatio,
    string Tolerance,
    bool Passed,
    string? Error)
{
    /// <summary>Creates a failed result for a check that threw <paramref name="error"/>.</summary>
    public static CheckResult Threw(string family, string name, string size, Exception error) =>
        new(family, name, size, "", 0, double.NaN, double.NaN, double.NaN, "", false,
            error.ToString());
}
