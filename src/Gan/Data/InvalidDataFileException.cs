namespace NativeGan.Gan.Data;

/// <summary>
/// Error raised when a data file exists but its contents are invalid: a wrong IDX header,
/// a wrong length, values out of range or a SHA-256 that differs from the expected one.
/// </summary>
/// <remarks>
/// Derives from <see cref="IOException"/> so that a caller can catch it together with
/// <see cref="FileNotFoundException"/>, which the data classes throw for a missing file.
/// </remarks>
public sealed class InvalidDataFileException : IOException
{
    /// <summary>Creates the error for <paramref name="filePath"/> with a full message.</summary>
    public InvalidDataFileException(
        string filePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Path of the invalid file, as passed to the reader.</summary>
    public string FilePath { get; }
}
