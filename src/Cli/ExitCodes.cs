namespace NativeGan.Cli;

/// <summary>Process exit codes of the nativegan command.</summary>
public static class ExitCodes
{
    /// <summary>The command finished.</summary>
    public const int Success = 0;

    /// <summary>The command failed while running: bad data, an I/O error, diverged training.</summary>
    public const int Failure = 1;

    /// <summary>The command line was invalid: unknown option, bad value, missing folder.</summary>
    public const int InvalidUsage = 2;
}
