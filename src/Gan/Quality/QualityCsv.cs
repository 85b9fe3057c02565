using System.Globalization;
using System.Text;
using NativeGan.Gan.Training;
using NativeGan.Nn.IO;

namespace NativeGan.Gan.Quality;

/// <summary>
/// quality.csv of a run folder: header <c>epoch,fd,coverage_entropy,class_0,...,class_9</c>
/// and one row per scored epoch in increasing epoch order. Numbers have 7 significant
/// digits, with '.' as the decimal separator. Every write replaces the whole file atomically.
/// </summary>
public static class QualityCsv
{
    /// <summary>File name inside the run folder.</summary>
    public const string FileName = "quality.csv";

    /// <summary>Header line, without the line break.</summary>
    public static readonly string Header =
        "epoch,fd,coverage_entropy," +
        string.Join(',', Enumerable.Range(0, MnistClassifier.ClassCount).Select(c => $"class_{c}"));

    private const int ColumnCount = 3 + MnistClassifier.ClassCount;

    /// <summary>Returns the path of quality.csv in <paramref name="run"/>.</summary>
    public static string PathIn(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.Combine(run.Root, FileName);
    }

    /// <summary>
    /// Writes <paramref name="rows"/>, sorted by epoch, replacing the file atomically.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Two rows have the same epoch, or a row does not have 10 class shares.
    /// </exception>
    public static void Write(string path, IEnumerable<EpochQuality> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(Header).Append('\n');
        int previous = int.MinValue;
        foreach (EpochQuality row in rows.OrderBy(r => r.Epoch))
        {
            if (row.Epoch == previous)
            {
                throw new ArgumentException(
                    $"Two quality rows for epoch {row.Epoch}; pass one row per epoch.",
                    nameof(rows));
            }

            previous = row.Epoch;
            text.Append(FormatRow(row)).Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Adds <paramref name="rows"/> to the file at <paramref name="path"/>, replacing rows of
    /// the same epochs and keeping the others; creates the file when it is missing.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The existing file is not a valid quality.csv.
    /// </exception>
    public static void Merge(string path, IEnumerable<EpochQuality> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var merged = Read(path).ToDictionary(row => row.Epoch);
        foreach (EpochQuality row in rows)
        {
            merged[row.Epoch] = row;
        }

        Write(path, merged.Values);
    }

    /// <summary>Reads the rows of the file; a missing file gives no rows.</summary>
    /// <exception cref="InvalidDataException">
    /// The header differs from <see cref="Header"/> or a row is malformed; the message names
    /// the file and the line.
    /// </exception>
    public static IReadOnlyList<EpochQuality> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return [];
        }

        string[] lines = File.ReadAllText(path).Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .ToArray();
        if (lines[0] != Header)
        {
            throw new InvalidDataException(
                $"{path}: the header is '{lines[0]}', expected '{Header}'. Delete the file and " +
                "run `nativegan eval` on the run folder to write it again.");
        }

        var rows = new List<EpochQuality>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length > 0)
            {
                rows.Add(ParseRow(path, i + 1, lines[i]));
            }
        }

        return rows;
    }

    private static string FormatRow(EpochQuality row)
    {
        QualityScore score = row.Score;
        if (score.ClassShares.Count != MnistClassifier.ClassCount)
        {
            throw new ArgumentException(
                $"Quality row of epoch {row.Epoch} has {score.ClassShares.Count} class shares; " +
                $"expected {MnistClassifier.ClassCount}.");
        }

        IEnumerable<double> numbers =
            [score.FrechetDistance, score.CoverageEntropy, .. score.ClassShares];
        return row.Epoch.ToString(CultureInfo.InvariantCulture) + "," +
            string.Join(',', numbers.Select(n => n.ToString("G7", CultureInfo.InvariantCulture)));
    }

    private static EpochQuality ParseRow(string path, int lineNumber, string line)
    {
        string[] cells = line.Split(',');
        if (cells.Length != ColumnCount)
        {
            throw new InvalidDataException(
                $"{path} line {lineNumber}: {cells.Length} values, expected {ColumnCount}.");
        }

        if (!int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
        {
            throw new InvalidDataException(
                $"{path} line {lineNumber}: epoch '{cells[0]}' is not a whole number.");
        }

        var numbers = new double[ColumnCount - 1];
        for (int c = 1; c < ColumnCount; c++)
        {
            if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture,
                out numbers[c - 1]))
            {
                throw new InvalidDataException(
                    $"{path} line {lineNumber}: '{cells[c]}' is not a number.");
            }
        }

        return new EpochQuality(epoch, new QualityScore(numbers[0], numbers[1], numbers[2..]));
    }
}
