using System.CommandLine;
using System.Globalization;
using NativeGan.Gan.Data;
using NativeGan.Gan.Training;
using NativeGan.Tensors.Gpu;
using Spectre.Console;

namespace NativeGan.Cli;

/// <summary>
/// Entry point of the nativegan command: builds the command tree, reports parse errors in
/// one line with exit code 2, and turns known failures into one-line errors with code 1.
/// </summary>
public static class CommandLine
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns the exit code.</summary>
    public static int Run(string[] args)
    {
        // Metrics, logs and file names use '.' as the decimal separator in every locale.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        RootCommand root = BuildRootCommand();
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // An unknown word explains more than the missing command it caused.
            var first = parsed.Errors.FirstOrDefault(
                e => e.Message.Contains("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            WriteError($"{DescribeParseError(first)} Run `nativegan " +
                $"{(parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ")}" +
                "--help` for the options.");
            return ExitCodes.InvalidUsage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException error)
        {
            WriteError(error.Message);
            return ExitCodes.InvalidUsage;
        }
        catch (InvalidConfigException error)
        {
            WriteError(error.Message);
            return ExitCodes.InvalidUsage;
        }
        catch (Exception error) when (error is IOException or InvalidDataException
            or MnistFetchException or TrainingDivergedException or UnauthorizedAccessException
            or GpuNotFoundException)
        {
            WriteError(error.Message);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            WriteError("Canceled.");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "NativeGan: GAN and VAE training in pure .NET, with its own tensors, autodiff " +
            "and SIMD kernels.");
        root.Add(TrainCommand.Create());
        root.Add(VaeCommand.Create());
        root.Add(SampleCommand.Create());
        root.Add(AblateCommand.Create());
        root.Add(FetchCommand.Create());
        root.Add(EvalCommand.Create());
        return root;
    }

    // Names the option when the parser's message does not, and keeps the message on one line.
    private static string DescribeParseError(System.CommandLine.Parsing.ParseError error)
    {
        string message = string.Join(' ', error.Message.Split((char[])[' ', '\t', '\r', '\n'],
            StringSplitOptions.RemoveEmptyEntries));
        if (error.SymbolResult is System.CommandLine.Parsing.OptionResult option &&
            !message.Contains(option.Option.Name, StringComparison.Ordinal))
        {
            message = $"{option.Option.Name}: {message}";
        }

        return message.EndsWith('.') ? message : message + ".";
    }

    /// <summary>Writes "error: message" on one line of standard error.</summary>
    public static void WriteError(string message) =>
        Console.Error.WriteLine($"error: {message.ReplaceLineEndings(" ")}");

    /// <summary>Console used for progress and summaries; standard output.</summary>
    public static IAnsiConsole Output { get; set; } = AnsiConsole.Console;
}
