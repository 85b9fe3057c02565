using System.Globalization;
using NativeGan.Nn.IO;

namespace NativeGan.Gan.Training;

/// <summary>Edits the per-step CSV logs of a run, whose first column is the global step.</summary>
public static class CsvLog
{
    /// <summary>
    /// Rewrites <paramref name="path"/> atomically without the rows after
    /// <paramref name="lastStep"/>, which an interrupted epoch left behind.
    /// </summary>
    public static void KeepSteps(string path, long lastStep)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} is missing, so the run cannot resume. Start it again with --overwrite.",
                path);
        }

        string[] lines = File.ReadAllLines(path);
        var remaining = new List<string>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (i == 0)
            {
                remaining.Add(line);
                continue;
            }

            int comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0 || !long.TryParse(
                line.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out long step))
            {
                // A half-written last row of a killed process carries no complete step.
                if (i == lines.Length - 1)
                {
                    continue;
                }

                throw new InvalidDataException(
                    $"{path} line {i + 1} does not start with a step number: '{line}'. " +
                    "Repair or delete the line, then resume again.");
            }

            if (step <= lastStep)
            {
                remaining.Add(line);
            }
        }

        AtomicFile.WriteAllText(path, string.Join('\n', remaining) + "\n");
    }
}
