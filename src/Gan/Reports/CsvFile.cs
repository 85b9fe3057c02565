using System.Globalization;

namespace NativeGan.Gan.Reports;

/// <summary>
/// Comma-separated file of a run folder, read whole: a header row of column names, then
/// data rows with the same number of cells. Cells are not quoted, because the run's CSV
/// files contain no commas inside values. Columns are found by name, so files with extra
/// columns still read.
/// </summary>
/// <remarks>
/// Empty lines are skipped. A last line without a line break whose cell count is wrong or
/// whose last cell is empty is dropped: it is a row that a running trainer has not finished
/// writing. Any other malformed row raises <see cref="InvalidDataException"/> naming the file
/// and the line.
/// </remarks>
internal sealed class CsvFile
{
    private readonly string[] _columns;
    private readonly List<string> _rows;
    private readonly List<int> _lineNumbers;

    private CsvFile(string path, string[] columns, List<string> rows, List<int> lineNumbers)
    {
        Path = path;
        _columns = columns;
        _rows = rows;
        _lineNumbers = lineNumbers;
    }

    /// <summary>Path of the file as passed to <see cref="Read"/>.</summary>
    public string Path { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount => _rows.Count;

    /// <summary>
    /// Reads <paramref name="path"/> and checks that its header contains every name in
    /// <paramref name="requiredColumns"/>. Returns null when the file is missing, empty or
    /// has a header but no data rows.
    /// </summary>
    public static CsvFile? Read(string path, IReadOnlyList<string> requiredColumns)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string text = File.ReadAllText(path);
        string[] lines = text.Split('\n');
        int first = Array.FindIndex(lines, line => line.TrimEnd('\r').Length > 0);
        if (first < 0)
        {
            return null;
        }

        string header = lines[first].TrimEnd('\r');
        string[] columns = header.Split(',');
        foreach (string name in requiredColumns)
        {
            if (Array.IndexOf(columns, name) < 0)
            {
                throw new InvalidDataException(
                    $"{path} line {first + 1}: the header '{header}' has no " +
                    $"column '{name}'. Check that the file belongs to a NativeGan run folder.");
            }
        }

        // A text that does not end with a line break may end in a row still being written.
        bool lastLineUnfinished = !text.EndsWith('\n');
        var rows = new List<string>(lines.Length);
        var lineNumbers = new List<int>(lines.Length);
        for (int i = first + 1; i < lines.Length; i++)
        {
            string row = lines[i].TrimEnd('\r');
            if (row.Length == 0)
            {
                continue;
            }

            int cells = row.AsSpan().Count(',') + 1;
            bool complete = cells == columns.Length && !row.EndsWith(',');
            if (!complete && lastLineUnfinished && i == lines.Length - 1)
            {
                continue;
            }

            if (cells != columns.Length)
            {
                throw new InvalidDataException(
                    $"{path} line {i + 1} has {cells} cells, expected {columns.Length} " +
                    $"({header}). Repair or delete the line.");
            }

            rows.Add(row);
            lineNumbers.Add(i + 1);
        }

        return rows.Count == 0 ? null : new CsvFile(path, columns, rows, lineNumbers);
    }

    /// <summary>
    /// Parses column <paramref name="name"/> of every row as a double with invariant
    /// culture; "NaN" and "Infinity" are accepted.
    /// </summary>
    public double[] Numbers(string name)
    {
        int column = ColumnIndex(name);
        var values = new double[_rows.Count];
        for (int r = 0; r < _rows.Count; r++)
        {
            ReadOnlySpan<char> cell = Cell(_rows[r], column);
            if (!double.TryParse(
                cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[r]))
            {
                throw new InvalidDataException(
                    $"{Path} line {_lineNumbers[r]}: column '{name}' contains '{cell}', which is " +
                    "not a number. Repair or delete the line.");
            }
        }

        return values;
    }

    /// <summary>
    /// Parses column <paramref name="name"/> of every row as a non-negative integer.
    /// </summary>
    public long[] Integers(string name)
    {
        int column = ColumnIndex(name);
        var values = new long[_rows.Count];
        for (int r = 0; r < _rows.Count; r++)
        {
            ReadOnlySpan<char> cell = Cell(_rows[r], column);
            if (!long.TryParse(
                cell, NumberStyles.None, CultureInfo.InvariantCulture, out values[r]))
            {
                throw new InvalidDataException(
                    $"{Path} line {_lineNumbers[r]}: column '{name}' contains '{cell}', which is " +
                    "not a non-negative integer. Repair or delete the line.");
            }
        }

        return values;
    }

    /// <summary>Returns column <paramref name="name"/> of every row as text.</summary>
    public string[] Texts(string name)
    {
        int column = ColumnIndex(name);
        var values = new string[_rows.Count];
        for (int r = 0; r < _rows.Count; r++)
        {
            values[r] = Cell(_rows[r], column).ToString();
        }

        return values;
    }

    /// <summary>Returns the file line number, from 1, of data row <paramref name="row"/>.</summary>
    public int LineNumber(int row) => _lineNumbers[row];

    private int ColumnIndex(string name)
    {
        int column = Array.IndexOf(_columns, name);
        if (column < 0)
        {
            throw new ArgumentException(
                $"{Path} has no column '{name}'; its columns are {string.Join(',', _columns)}.",
                nameof(name));
        }

        return column;
    }

    private static ReadOnlySpan<char> Cell(string row, int column)
    {
        ReadOnlySpan<char> rest = row;
        for (int c = 0; c < column; c++)
        {
            rest = rest[(rest.IndexOf(',') + 1)..];
        }

        int end = rest.IndexOf(',');
        return end < 0 ? rest : rest[..end];
    }
}
