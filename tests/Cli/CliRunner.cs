using Spectre.Console;

namespace NativeGan.Cli.Tests;

/// <summary>Runs the nativegan command in process and captures what it prints.</summary>
internal static class CliRunner
{
    private static readonly Lock ConsoleLock = new();

    /// <summary>Runs the command with <paramref name="args"/>; returns the exit code and output.</summary>
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        lock (ConsoleLock)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            TextWriter originalOut = Console.Out;
            TextWriter originalError = Console.Error;
            IAnsiConsole originalConsole = CommandLine.Output;
            try
            {
                Console.SetOut(output);
                Console.SetError(error);
                CommandLine.Output = AnsiConsole.Create(new AnsiConsoleSettings
                {
                    Ansi = AnsiSupport.No,
                    Interactive = InteractionSupport.No,
                    Out = new AnsiConsoleOutput(output),
                });
                int exitCode = CommandLine.Run(args);
                return (exitCode, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(originalOut);
                Console.SetError(originalError);
                CommandLine.Output = originalConsole;
            }
        }
    }
}
