namespace NativeGan.Nn;

/// <summary>
/// Batch normalization over C channels of an (N, C) or (N, C, L) input, as
/// torch.nn.BatchNorm1d. Statistics are taken over N, and over L when present.
/// input and output: (N, C) or (N, C, L).
/// </summary>
public sealed class BatchNorm1d : BatchNormBase
{
    /// <summary>
    /// Creates the layer with PyTorch's defaults; see <see cref="BatchNormBase"/>.
    /// </summary>
    /// <param name="numFeatures">Number of channels C; at least 1.</param>
    /// <param name="eps">Value added to the variance for stability; positive and finite.</param>
    /// <param name="momentum">
    /// Weight of the batch statistics in the running update, in [0, 1]; null for a
    /// cumulative moving average.
    /// </param>
    /// <param name="affine">Whether the layer has a learned weight and bias.</param>
    /// <param name="trackRunningStats">Whether the layer keeps running statistics.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public BatchNorm1d(
        int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
        bool trackRunningStats = true)
        : base(numFeatures, eps, momentum, affine, trackRunningStats)
    {
    }

    /// <inheritdoc />
    protected override string ExpectedShape => $"(N, {NumFeatures}) or (N, {NumFeatures}, L)";

    /// <inheritdoc />
    protected override bool AcceptsRank(int rank) => rank is 2 or 3;
}
