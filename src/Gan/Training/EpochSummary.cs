namespace NativeGan.Gan.Training;

/// <summary>Averages over one epoch and where its outputs were written.</summary>
/// <param name="Epoch">Epoch number, counting from 1.</param>
/// <param name="Steps">Steps taken in the epoch.</param>
/// <param name="Seconds">Wall time of the epoch's steps, in seconds.</param>
/// <param name="MeanLossD">Mean of D's loss over the epoch.</param>
/// <param name="MeanLossG">Mean of G's loss over the epoch.</param>
/// <param name="MeanDReal">Mean D(x) over the epoch.</param>
/// <param name="MeanDFake">Mean D(G(z)) over the epoch.</param>
/// <param name="SampleGridPath">PNG of the samples from the fixed z after the epoch.</param>
/// <param name="CheckpointPath">Checkpoint written after the epoch.</param>
public sealed record EpochSummary(
    int Epoch,
    int Steps,
    double Seconds,
    double MeanLossD,
    double MeanLossG,
    double MeanDReal,
    double MeanDFake,
    string SampleGridPath,
    string CheckpointPath);
