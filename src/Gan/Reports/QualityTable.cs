namespace NativeGan.Gan.Reports;

/// <summary>One row of quality.csv: sample quality after one epoch.</summary>
/// <param name="Epoch">Epoch number, counting from 1.</param>
/// <param name="FrechetDistance">
/// Frechet distance between classifier features of generated and real test images; lower is
/// better.
/// </param>
/// <param name="CoverageEntropy">
/// Entropy in nats of the generated images' class shares; ln 10 = 2.303 when all ten digits
/// are equally present.
/// </param>
/// <param name="ClassShares">Share of each digit class 0 to 9 among generated images.</param>
internal sealed record QualityRow(
    int Epoch, double FrechetDistance, double CoverageEntropy, double[] ClassShares);

/// <summary>
/// Reader of quality.csv, header <c>epoch,fd,coverage_entropy,class_0,...,class_9</c>.
/// </summary>
internal static class QualityTable
{
    /// <summary>Number of digit classes, and of class_N columns.</summary>
    public const int ClassCount = 10;

    private static readonly string[] Columns =
    [
        "epoch", "fd", "coverage_entropy",
        .. Enumerable.Range(0, ClassCount).Select(c => $"class_{c}"),
    ];

    /// <summary>
    /// Reads quality.csv; returns an empty list when the file is missing or has no rows.
    /// Throws <see cref="InvalidDataException"/> naming the line of a malformed row.
    /// </summary>
    public static List<QualityRow> Read(string path)
    {
        CsvFile? file = CsvFile.Read(path, Columns);
        if (file is null)
        {
            return [];
        }

        long[] epochs = file.Integers("epoch");
        ColumnOrder.CheckIncreasing(file, epochs, "epoch");
        double[] fd = file.Numbers("fd");
        double[] entropy = file.Numbers("coverage_entropy");
        double[][] shares = Enumerable.Range(0, ClassCount)
            .Select(c => file.Numbers($"class_{c}"))
            .ToArray();
        var rows = new List<QualityRow>(epochs.Length);
        for (int r = 0; r < epochs.Length; r++)
        {
            rows.Add(new QualityRow(
                checked((int)epochs[r]), fd[r], entropy[r],
                shares.Select(column => column[r]).ToArray()));
        }

        return rows;
    }
}
