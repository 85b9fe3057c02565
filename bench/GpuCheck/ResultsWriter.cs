using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NativeGan.GpuCheck;

/// <summary>Writes <see cref="RunResults"/> as results.json and a readable results.md.</summary>
internal static class ResultsWriter
{
    /// <summary>File name of the JSON results.</summary>
    public const string JsonName = "results.json";

    /// <summary>File name of the Markdown results.</summary>
    public const string MarkdownName = "results.md";

    // snake_case keys for the Python summary script. NaN and infinity, which mark failed or
    // missing figures, are written as the literals NaN and Infinity, which Python's json reads.
    // The file is never embedded in HTML, so characters such as + and ' stay readable.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// Writes both files into <paramref name="folder"/>, creating it if needed, and returns
    /// their paths.
    /// </summary>
    public static (string Json, string Markdown) Write(string folder, RunResults results)
    {
        Directory.CreateDirectory(folder);
        string json = Path.Combine(folder, JsonName);
        string markdown = Path.Combine(folder, MarkdownName);
        File.WriteAllText(json, JsonSerializer.Serialize(results, JsonOptions) + "\n");
        File.WriteAllText(markdown, FormatMarkdown(results));
        return (json, markdown);
    }

    /// <summary>Formats the results as a Markdown page with one table per section.</summary>
    public static string FormatMarkdown(RunResults results)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine("# NativeGan GPU check");
        text.AppendLine();
        text.AppendLine(culture, $"- started: {results.StartedUtc:u}, {results.Seconds:F1} s");
        text.AppendLine(culture, $"- requested device: {results.RequestedDevice}");
        text.AppendLine(culture, $"- device: {results.DeviceName ?? "none"}");
        text.AppendLine(culture, $"- selection: {results.SelectionReason ?? "none"}");
        if (results.DeviceError is not null)
        {
            text.AppendLine(culture, $"- device error: {Cell(results.DeviceError)}");
        }

        text.AppendLine(culture,
            $"- host: {results.Host.OperatingSystem}, {results.Host.Framework}, " +
            $"{results.Host.LogicalCores} logical cores");
        int passed = results.Checks.Count(c => c.Passed);
        text.AppendLine(culture, $"- checks passed: {passed} of {results.Checks.Count}");
        text.AppendLine();

        text.AppendLine("## Kernel checks");
        text.AppendLine();
        text.AppendLine("| result | family | output | size | max abs error | relative error | " +
            "share of tolerance | tolerance | reference |");
        text.AppendLine("| --- | --- | --- | --- | ---: | ---: | ---: | --- | --- |");
        foreach (CheckResult check in results.Checks)
        {
            string verdict = check.Passed ? "pass" : "**FAIL**";
            if (check.Error is not null)
            {
                text.AppendLine(culture,
                    $"| {verdict} | {check.Family} | {check.Name} | {Cell(check.Size)} | " +
                    $"error: {Cell(ResultLine.FirstLine(check.Error))} | | | | |");
                continue;
            }

            text.AppendLine(culture,
                $"| {verdict} | {check.Family} | {check.Name} | {Cell(check.Size)} | " +
                $"{check.MaxAbsError:G3} | {check.MaxRelativeError:G3} | " +
                $"{check.MaxToleranceRatio:G3} | {Cell(check.Tolerance)} | {check.Reference} |");
        }

        text.AppendLine();
        text.AppendLine("## Timings");
        text.AppendLine();
        text.AppendLine("| name | size | median ms | min ms | GFLOP/s | rounds x launches |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | --- |");
        foreach (TimingResult timing in results.Timings)
        {
            if (timing.Error is not null)
            {
                text.AppendLine(culture,
                    $"| {timing.Name} | {timing.Size} | error: " +
                    $"{Cell(ResultLine.FirstLine(timing.Error))} | | | |");
                continue;
            }

            string gflops = timing.Gflops is double value ? value.ToString("F2", culture) : "";
            text.AppendLine(culture,
                $"| {timing.Name} | {timing.Size} | {timing.MedianMilliseconds:F3} | " +
                $"{timing.MinMilliseconds:F3} | {gflops} | " +
                $"{timing.Rounds} x {timing.LaunchesPerRound} |");
        }

        return text.ToString();
    }

    // Table cells hold one line without pipes.
    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
