namespace NativeGan.GpuCheck;

/// <summary>Family and problem size shared by the outputs of one kernel check.</summary>
/// <param name="Family">Kernel family, such as "conv2d".</param>
/// <param name="Size">Problem size in words.</param>
internal sealed record KernelCheckLabel(string Family, string Size);

/// <summary>
/// One kernel check: runs an operation on the device and on the reference, and compares
/// each output. <see cref="KernelCheckRunner"/> turns an exception into a failed result.
/// </summary>
/// <param name="Label">Family and size.</param>
/// <param name="Name">Operation, such as "forward" or "NT".</param>
/// <param name="Run">Runs the check and returns one result per compared output.</param>
internal sealed record KernelCheck(
    KernelCheckLabel Label, string Name, Func<IReadOnlyList<CheckResult>> Run);
