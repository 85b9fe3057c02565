namespace NativeGan.Cli;

/// <summary>An invalid command line; reported in one line with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
