namespace NativeGan.Gan.Reports;

/// <summary>Columns of metrics.csv, one entry per logged step, in step order.</summary>
internal sealed record MetricsTable(
    double[] Steps,
    double[] LossD,
    double[] LossG,
    double[] DReal,
    double[] DFake,
    double[] DAccuracyReal,
    double[] DAccuracyFake)
{
    private static readonly string[] Columns =
        ["step", "loss_d", "loss_g", "d_x", "d_g_z", "d_acc_real", "d_acc_fake"];

    /// <summary>Number of logged steps.</summary>
    public int Count => Steps.Length;

    /// <summary>
    /// Reads metrics.csv; returns null when the file is missing or has no rows. Throws
    /// <see cref="InvalidDataException"/> naming the line of a malformed row or of a step
    /// that does not increase.
    /// </summary>
    public static MetricsTable? Read(string path)
    {
        CsvFile? file = CsvFile.Read(path, Columns);
        if (file is null)
        {
            return null;
        }

        long[] steps = file.Integers("step");
        ColumnOrder.CheckIncreasing(file, steps, "step");
        return new MetricsTable(
            Array.ConvertAll(steps, step => (double)step),
            file.Numbers("loss_d"),
            file.Numbers("loss_g"),
            file.Numbers("d_x"),
            file.Numbers("d_g_z"),
            file.Numbers("d_acc_real"),
            file.Numbers("d_acc_fake"));
    }
}
