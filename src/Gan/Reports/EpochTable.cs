using NativeGan.Gan.Training;

namespace NativeGan.Gan.Reports;

/// <summary>One row of epochs.csv.</summary>
/// <param name="Epoch">Epoch number, counting from 1.</param>
/// <param name="Steps">Steps taken in the epoch.</param>
/// <param name="Seconds">Wall time of the epoch's steps, in seconds.</param>
/// <param name="LossD">Mean of D's loss over the epoch.</param>
/// <param name="LossG">Mean of G's loss over the epoch.</param>
/// <param name="DReal">Mean D(x) over the epoch.</param>
/// <param name="DFake">Mean D(G(z)) over the epoch.</param>
/// <param name="SampleGrid">Path of the epoch's sample grid, relative to the run folder.</param>
internal sealed record EpochRow(
    int Epoch,
    long Steps,
    double Seconds,
    double LossD,
    double LossG,
    double DReal,
    double DFake,
    string SampleGrid);

/// <summary>Reader of epochs.csv (<see cref="EpochLog.CsvHeader"/>).</summary>
internal static class EpochTable
{
    private static readonly string[] Columns =
        ["epoch", "steps", "seconds", "loss_d", "loss_g", "d_x", "d_g_z", "sample_grid"];

    /// <summary>
    /// Reads epochs.csv; returns an empty list when the file is missing or has no rows.
    /// Throws <see cref="InvalidDataException"/> naming the line of a malformed row.
    /// </summary>
    public static List<EpochRow> Read(string path)
    {
        CsvFile? file = CsvFile.Read(path, Columns);
        if (file is null)
        {
            return [];
        }

        long[] epochs = file.Integers("epoch");
        ColumnOrder.CheckIncreasing(file, epochs, "epoch");
        long[] steps = file.Integers("steps");
        double[] seconds = file.Numbers("seconds");
        double[] lossD = file.Numbers("loss_d");
        double[] lossG = file.Numbers("loss_g");
        double[] dReal = file.Numbers("d_x");
        double[] dFake = file.Numbers("d_g_z");
        string[] grids = file.Texts("sample_grid");
        var rows = new List<EpochRow>(epochs.Length);
        for (int r = 0; r < epochs.Length; r++)
        {
            rows.Add(new EpochRow(
                checked((int)epochs[r]), steps[r], seconds[r], lossD[r], lossG[r], dReal[r],
                dFake[r], grids[r]));
        }

        return rows;
    }
}
