namespace NativeGan.GpuCheck;

/// <summary>Process exit codes of the GPU check.</summary>
internal static class ExitCodes
{
    /// <summary>Every kernel check passed and every timing ran.</summary>
    public const int Passed = 0;

    /// <summary>A kernel check failed or threw, or a timing threw.</summary>
    public const int ChecksFailed = 1;

    /// <summary>The command line was invalid.</summary>
    public const int InvalidUsage = 2;

    /// <summary>
    /// The requested device could not be opened: no usable CUDA GPU, or the CUDA or ILGPU
    /// initialization failed. results.json records the error.
    /// </summary>
    public const int DeviceUnavailable = 3;
}
