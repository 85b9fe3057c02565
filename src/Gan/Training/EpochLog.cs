using System.Globalization;
using System.Text;

namespace NativeGan.Gan.Training;

/// <summary>Reads and writes epochs.csv: one <see cref="EpochSummary"/> per row, paths relative to the run folder.</summary>
public static class EpochLog
{
    /// <summary>Header of epochs.csv.</summary>
    public const string CsvHeader =
        "epoch,steps,seconds,loss_d,loss_g,d_x,d_g_z,sample_grid,checkpoint";

    /// <summary>Formats all <paramref name="epochs"/> as CSV with invariant culture.</summary>
    public static string Format(IEnumerable<EpochSummary> epochs, string runFolder)
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (EpochSummary e in epochs)
        {
            text.Append(string.Create(
                CultureInfo.InvariantCulture,
                $"{e.Epoch},{e.Steps},{e.Seconds:G9},{e.MeanLossD:G17},{e.MeanLossG:G17}," +
                $"{e.MeanDReal:G17},{e.MeanDFake:G17}," +
                $"{Path.GetRelativePath(runFolder, e.SampleGridPath)}," +
                $"{Path.GetRelativePath(runFolder, e.CheckpointPath)}\n"));
        }

        return text.ToString();
    }

    /// <summary>Reads the rows written by <see cref="Format"/>; paths become absolute again.</summary>
    public static List<EpochSummary> Read(string path, string runFolder)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var epochs = new List<EpochSummary>();
        string[] lines = File.ReadAllLines(path);
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            if (cells.Length != 9)
            {
                throw new InvalidDataException(
                    $"{path} line {i + 1} has {cells.Length} columns, expected 9 ({CsvHeader}). " +
                    "Repair or delete the line, then resume again.");
            }

            var c = CultureInfo.InvariantCulture;
            epochs.Add(new EpochSummary(
                int.Parse(cells[0], c),
                int.Parse(cells[1], c),
                double.Parse(cells[2], c),
                double.Parse(cells[3], c),
                double.Parse(cells[4], c),
                double.Parse(cells[5], c),
                double.Parse(cells[6], c),
                Path.Combine(runFolder, cells[7]),
                Path.Combine(runFolder, cells[8])));
        }

        return epochs;
    }
}
