namespace NativeGan.LibTorchBaseline;

/// <summary>Invalid command-line arguments; the message names the argument and what is expected.</summary>
public sealed class UsageException(string message) : Exception(message);
