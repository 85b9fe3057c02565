namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Error raised when a CUDA GPU was requested but none is usable. The message lists what
/// was searched for and how to fix it.
/// </summary>
public sealed class GpuNotFoundException : Exception
{
    /// <summary>Creates the error with a complete message.</summary>
    public GpuNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>
    /// Creates the error with a complete message and the exception that caused it.
    /// </summary>
    public GpuNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
