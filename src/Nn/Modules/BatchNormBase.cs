using System.Globalization;
using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn;

/// <summary>
/// Batch normalization over the channel dimension of (N, C, *) inputs, shared by
/// <see cref="BatchNorm1d"/> and <see cref="BatchNorm2d"/>, with the state and defaults of
/// PyTorch's torch.nn.BatchNorm1d and BatchNorm2d.
/// </summary>
/// <remarks>
/// In training, each channel is normalized with the batch mean and biased variance, and
/// the running statistics are updated with the unbiased variance. In evaluation, the
/// running statistics are used, unless the layer does not track them, in which case the
/// batch statistics are used in both modes. State-dict names match PyTorch: "weight",
/// "bias", "running_mean", "running_var" and "num_batches_tracked".
/// </remarks>
public abstract class BatchNormBase : Module
{
    /// <summary>Creates the layer and its parameters and buffers.</summary>
    /// <param name="numFeatures">Number of channels C; at least 1.</param>
    /// <param name="eps">Value added to the variance for stability; positive and finite.</param>
    /// <param name="momentum">
    /// Weight of the batch statistics in the running update, in [0, 1]; null for a
    /// cumulative moving average (weight 1 / num_batches_tracked), as PyTorch's None.
    /// </param>
    /// <param name="affine">
    /// Whether the layer has a learned weight (init 1) and bias (init 0).
    /// </param>
    /// <param name="trackRunningStats">
    /// Whether the layer keeps running statistics for evaluation.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    protected BatchNormBase(
        int numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats)
    {
        string layer = GetType().Name;
        if (numFeatures < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(numFeatures), numFeatures,
                $"{layer}: num_features {numFeatures} is invalid; it must be at least 1.");
        }

        if (!(eps > 0.0 && double.IsFinite(eps)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(eps), eps,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{layer}: eps {eps} is invalid; it must be positive and finite."));
        }

        if (momentum is double value && !(value >= 0.0 && value <= 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(momentum), momentum,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{layer}: momentum {value} is invalid; it must be in [0, 1], or null " +
                    $"for a cumulative moving average."));
        }

        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(numFeatures));
            Bias = RegisterParameter("bias", Tensor.Zeros(numFeatures));
        }

        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(numFeatures));
            RunningVar = RegisterBuffer("running_var", Tensor.Ones(numFeatures));
            NumBatchesTracked = RegisterBuffer(
                "num_batches_tracked", Tensor.Scalar(0f), keepOnHost: true);
        }
    }

    /// <summary>Number of channels C.</summary>
    public int NumFeatures { get; }

    /// <summary>Value added to the variance before the square root.</summary>
    public double Eps { get; }

    /// <summary>
    /// Weight of the batch statistics in the running update; null for a cumulative
    /// moving average.
    /// </summary>
    public double? Momentum { get; }

    /// <summary>Whether the layer has a learned weight and bias.</summary>
    public bool Affine => Weight is not null;

    /// <summary>Whether the layer keeps running statistics.</summary>
    public bool TrackRunningStats => RunningMean is not null;

    /// <summary>Per-channel scale of shape (C,), or null when not affine.</summary>
    public Variable? Weight { get; }

    /// <summary>Per-channel shift of shape (C,), or null when not affine.</summary>
    public Variable? Bias { get; }

    /// <summary>Running mean of shape (C,), or null when statistics are not tracked.</summary>
    public Tensor? RunningMean { get; }

    /// <summary>
    /// Running unbiased variance of shape (C,), or null when statistics are not tracked.
    /// </summary>
    public Tensor? RunningVar { get; }

    /// <summary>
    /// Number of training batches seen, as a rank-0 tensor, or null when statistics are not
    /// tracked.
    /// </summary>
    /// <remarks>
    /// NOTE: PyTorch stores this count as int64. Here it is float32, exact up to 2^24
    /// batches, so a state dict saved from this layer contains it as a float.
    /// </remarks>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>Resets the running mean to 0, the running variance to 1, the count to 0.</summary>
    public void ResetRunningStats()
    {
        RunningMean?.Clear();
        RunningVar?.CopyFrom(Tensor.Ones(NumFeatures));
        NumBatchesTracked?.Clear();
    }

    /// <summary>
    /// Normalizes the input. input: (N, C, *) with the rank that the subclass accepts;
    /// output: like input.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The input has the wrong rank or channel count, or a training batch has a single
    /// value per channel.
    /// </exception>
    public override Variable Forward(Variable input)
    {
        Shape shape = input.Shape;
        string layer = GetType().Name;
        if (!AcceptsRank(shape.Rank))
        {
            throw new ArgumentException(
                $"{layer}: input has shape {shape} of rank {shape.Rank}, expected " +
                $"{ExpectedShape}.", nameof(input));
        }

        if (shape[1] != NumFeatures)
        {
            throw new ArgumentException(
                $"{layer}({NumFeatures}): input {shape} has {shape[1]} channels but the layer " +
                $"has num_features = {NumFeatures}; expected {ExpectedShape}.", nameof(input));
        }

        bool updateRunning = IsTraining && NumBatchesTracked is not null;
        double factor = 0.0;
        if (updateRunning)
        {
            factor = Momentum ?? 1.0 / (NumBatchesTracked!.Data[0] + 1.0);
        }

        // Batch statistics are used in training, and in evaluation too when none are tracked.
        Variable output = Functions.BatchNorm(
            input, Weight, Bias, RunningMean, RunningVar,
            training: IsTraining || !TrackRunningStats, factor, Eps);
        if (updateRunning)
        {
            NumBatchesTracked!.Data[0] += 1f;
        }

        return output;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{GetType().Name}({NumFeatures}, eps={Eps}, momentum={(object?)Momentum ?? "null"}, " +
        $"affine={Lower(Affine)}, track_running_stats={Lower(TrackRunningStats)})");

    /// <summary>Returns whether the layer accepts inputs of this rank.</summary>
    protected abstract bool AcceptsRank(int rank);

    /// <summary>Accepted input shapes, such as "(N, 5, H, W)", for error messages.</summary>
    protected abstract string ExpectedShape { get; }

    private static string Lower(bool value) => value ? "true" : "false";
}
