using System.Globalization;

namespace NativeGan.GpuCheck;

/// <summary>One-line console summaries of check and timing results.</summary>
internal static class ResultLine
{
    /// <summary>
    /// Formats a check as "PASS family name [size]: max abs error ..., relative ...,
    /// tolerance used ..., seconds", or its error.
    /// </summary>
    public static string Format(CheckResult result, double seconds)
    {
        string verdict = result.Passed ? "PASS" : "FAIL";
        string head = $"{verdict} {result.Family} {result.Name} [{result.Size}]";
        if (result.Error is not null)
        {
            return $"{head}: {FirstLine(result.Error)}";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{head}: max abs error {result.MaxAbsError:G3}, relative " +
            $"{result.MaxRelativeError:G3}, {result.MaxToleranceRatio:G3} of tolerance " +
            $"({result.Elements} elements vs {result.Reference}, {seconds:F2} s)");
    }

    /// <summary>Formats a timing as "TIME name size: median ms, GFLOP/s", or its error.</summary>
    public static string Format(TimingResult result)
    {
        if (result.Error is not null)
        {
            return $"FAIL timing {result.Name} [{result.Size}]: {FirstLine(result.Error)}";
        }

        string rate = result.Gflops is double gflops
            ? string.Create(CultureInfo.InvariantCulture, $", {gflops:F2} GFLOP/s")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"TIME {result.Name} [{result.Size}]: median {result.MedianMilliseconds:F3} ms, " +
            $"min {result.MinMilliseconds:F3} ms over {result.Rounds} rounds of " +
            $"{result.LaunchesPerRound}{rate}");
    }

    /// <summary>Returns the first line of an exception text: its type and message.</summary>
    public static string FirstLine(string text)
    {
        int end = text.IndexOf('\n');
        return (end < 0 ? text : text[..end]).TrimEnd('\r');
    }
}
