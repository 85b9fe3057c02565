namespace NativeGan.Gan.Training;

/// <summary>Losses and discriminator outputs of one training step.</summary>
/// <param name="Step">Global step number, counting from 1.</param>
/// <param name="Epoch">Epoch number, counting from 1.</param>
/// <param name="LossD">D's loss: BCE on the real batch plus BCE on the fake batch.</param>
/// <param name="LossG">G's non-saturating loss: BCE of D(G(z)) against the real label.</param>
/// <param name="DReal">Mean D(x) on the real batch, a probability.</param>
/// <param name="DFake">Mean D(G(z)) on the fake batch before D's update, a probability.</param>
/// <param name="DAccuracyReal">Share of real images that D classified as real.</param>
/// <param name="DAccuracyFake">Share of generated images that D classified as fake.</param>
/// <remarks>D(x) and D(G(z)) are D's probability of "real" under either label convention.</remarks>
public sealed record StepMetrics(
    long Step,
    int Epoch,
    float LossD,
    float LossG,
    float DReal,
    float DFake,
    float DAccuracyReal,
    float DAccuracyFake)
{
    /// <summary>Header of the metrics CSV, matching <see cref="ToCsvRow"/>.</summary>
    public const string CsvHeader = "step,epoch,loss_d,loss_g,d_x,d_g_z,d_acc_real,d_acc_fake";

    /// <summary>Formats the metrics as one CSV row with invariant culture.</summary>
    public string ToCsvRow() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Step},{Epoch},{LossD:G9},{LossG:G9},{DReal:G9},{DFake:G9},{DAccuracyReal:G6},{DAccuracyFake:G6}");
}
