using System.Globalization;

namespace NativeGan.LibTorchBaseline.Figures;

/// <summary>Plain-text tables of figures for the terminal.</summary>
public static class FigureTable
{
    /// <summary>Formats one row per figure: name, threads, value and unit.</summary>
    public static string Format(IEnumerable<Figure> figures)
    {
        var rows = figures
            .Select(f => new[]
            {
                f.Name, f.Threads.ToString(CultureInfo.InvariantCulture), FormatValue(f.Value),
                f.Unit,
            })
            .ToList();
        return FormatRows(["figure", "threads", "value", "unit"], rows, rightAligned: [1, 2]);
    }

    /// <summary>
    /// Formats a value with 4 significant digits at most and no exponent, for example
    /// 0.4321, 31.27 or 1024.
    /// </summary>
    public static string FormatValue(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        // One decimal fewer per power of ten: 1234, 123.4, 12.34, 1.234, 0.1234.
        double magnitude = Math.Abs(value);
        int decimals = 4;
        for (double limit = 1; magnitude >= limit && decimals > 0; limit *= 10)
        {
            decimals--;
        }

        return value.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats rows under a header, padding each column to its widest cell.</summary>
    public static string FormatRows(
        string[] header, IReadOnlyList<string[]> rows, IReadOnlyCollection<int> rightAligned)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())
            .ToArray();
        var lines = new List<string> { FormatRow(header, widths, rightAligned) };
        lines.Add(string.Join("  ", widths.Select(w => new string('-', w))));
        lines.AddRange(rows.Select(r => FormatRow(r, widths, rightAligned)));
        return string.Join('\n', lines) + "\n";
    }

    private static string FormatRow(
        string[] cells, int[] widths, IReadOnlyCollection<int> rightAligned) =>
        string.Join("  ", cells.Select((cell, i) =>
            rightAligned.Contains(i) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])))
        .TrimEnd();
}
