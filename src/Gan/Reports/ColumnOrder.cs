namespace NativeGan.Gan.Reports;

/// <summary>
/// Check that the step or epoch column of a run's CSV file increases from row to row.
/// </summary>
internal static class ColumnOrder
{
    /// <summary>
    /// Throws <see cref="InvalidDataException"/> naming the first row whose value in
    /// <paramref name="column"/> is smaller than the one before it. With
    /// <paramref name="allowRepeats"/> equal values pass, as in gradients.csv, which has one
    /// row per parameter at each monitored step.
    /// </summary>
    public static void CheckIncreasing(
        CsvFile file, long[] values, string column, bool allowRepeats = false)
    {
        for (int r = 1; r < values.Length; r++)
        {
            bool ordered = allowRepeats ? values[r] >= values[r - 1] : values[r] > values[r - 1];
            if (!ordered)
            {
                throw new InvalidDataException(
                    $"{file.Path} line {file.LineNumber(r)}: {column} {values[r]} follows " +
                    $"{column} {values[r - 1]}, but the {column} column must increase. Delete " +
                    "the rows that repeat or go back.");
            }
        }
    }
}
