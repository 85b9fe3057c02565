using System.Globalization;
using NativeGan.Tensors;
using NativeGan.Tensors.Normalization;

namespace NativeGan.Autodiff;

public static partial class Functions
{
    /// <summary>
    /// Returns batch normalization of x as torch.nn.functional.batch_norm: per channel c,
    /// y = weight[c] * (x - mean[c]) / sqrt(var[c] + eps) + bias[c]. x: (N, C, *);
    /// weight, bias, runningMean, runningVar: (C,) or null; y: like x.
    /// </summary>
    /// <remarks>
    /// In training, mean and var are the batch mean and biased variance over N and the
    /// trailing dimensions, and the running statistics, when given, are updated in place
    /// (even under <see cref="GradMode.NoGrad"/>): running = (1 - momentum) * running +
    /// momentum * batch, with the unbiased variance (times n / (n - 1)) for runningVar,
    /// as PyTorch does. In evaluation, mean and var are the running statistics, and the
    /// gradient treats them as constants. A null weight means 1 and a null bias 0.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// A shape does not match, only one running statistic is given, the running statistics
    /// are missing in evaluation, or a channel has fewer than 2 values in training.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// momentum is outside [0, 1] or eps is not positive and finite.
    /// </exception>
    public static Variable BatchNorm(
        Variable x, Variable? weight, Variable? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps)
    {
        BatchNormLayout layout = CheckBatchNormArguments(
            x, weight, bias, runningMean, runningVar, training, momentum, eps);
        if (OnDevice("BatchNorm", x, weight, bias))
        {
            return BatchNormOnDevice(
                x, weight, bias, runningMean, runningVar, training, momentum, eps, layout);
        }

        int channels = layout.Channels;
        float[]? weightData = weight?.Value.Data;
        var y = new Tensor(x.Shape);
        double[] mean = new double[channels];
        double[] variance = new double[channels];
        if (training)
        {
            BatchNormKernels.ForwardTraining(
                x.Value.Data, layout, weightData, bias?.Value.Data, eps, y.Data, mean, variance);
            if (runningMean is not null && runningVar is not null)
            {
                UpdateBatchNormRunningStatistics(
                    runningMean, runningVar, mean, variance, momentum, layout.ValuesPerChannel);
            }
        }
        else
        {
            // Copied now, so that a later update of the running statistics does not change
            // this result's gradient.
            for (int c = 0; c < channels; c++)
            {
                mean[c] = runningMean!.Data[c];
                variance[c] = runningVar!.Data[c];
            }

            BatchNormKernels.ForwardInference(
                x.Value.Data, layout, weightData, bias?.Value.Data, mean, variance, eps, y.Data);
        }

        Variable[] parents = [x, .. new[] { weight, bias }.OfType<Variable>()];
        return Variable.FromOperation(y, parents, dY =>
        {
            Tensor? dX = x.RequiresGrad ? new Tensor(x.Shape) : null;
            Tensor? dWeight = weight is { RequiresGrad: true } ? new Tensor(channels) : null;
            Tensor? dBias = bias is { RequiresGrad: true } ? new Tensor(channels) : null;
            BatchNormKernels.Backward(
                x.Value.Data, dY.Data, layout, weightData, mean, variance, eps, training,
                dX?.Data, dWeight?.Data, dBias?.Data);
            var gradients = new List<Tensor?> { dX };
            if (weight is not null)
            {
                gradients.Add(dWeight);
            }

            if (bias is not null)
            {
                gradients.Add(dBias);
            }

            return gradients.ToArray();
        });
    }

    // running = (1 - momentum) * running + momentum * batch, in double; the variance is
    // made unbiased with n / (n - 1) first, as in PyTorch.
    private static void UpdateBatchNormRunningStatistics(
        Tensor runningMean, Tensor runningVar, double[] mean, double[] variance,
        double momentum, long count)
    {
        double correction = (double)count / (count - 1);
        for (int c = 0; c < mean.Length; c++)
        {
            runningMean.Data[c] = (float)(
                (1.0 - momentum) * runningMean.Data[c] + momentum * mean[c]);
            runningVar.Data[c] = (float)(
                (1.0 - momentum) * runningVar.Data[c] + momentum * variance[c] * correction);
        }
    }

    private static BatchNormLayout CheckBatchNormArguments(
        Variable x, Variable? weight, Variable? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps)
    {
        if (x.Value.Rank < 2)
        {
            throw new ArgumentException(
                $"BatchNorm: input has shape {x.Shape}, expected (N, C, *) of rank 2 or more; " +
                "add a batch dimension.", nameof(x));
        }

        if (!(momentum >= 0.0 && momentum <= 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(momentum), momentum,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"BatchNorm: momentum {momentum} is invalid; it must be in [0, 1]."));
        }

        if (!(eps > 0.0 && double.IsFinite(eps)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(eps), eps,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"BatchNorm: eps {eps} is invalid; it must be positive and finite."));
        }

        var layout = BatchNormLayout.FromShape(x.Shape);
        CheckBatchNormChannels(weight?.Value, "weight", x.Shape);
        CheckBatchNormChannels(bias?.Value, "bias", x.Shape);
        CheckBatchNormChannels(runningMean, "running_mean", x.Shape);
        CheckBatchNormChannels(runningVar, "running_var", x.Shape);
        if ((runningMean is null) != (runningVar is null))
        {
            throw new ArgumentException(
                "BatchNorm: running_mean and running_var must be given together; got only " +
                (runningMean is null ? "running_var." : "running_mean."));
        }

        if (!training && runningMean is null)
        {
            throw new ArgumentException(
                "BatchNorm: running_mean and running_var are required in evaluation mode " +
                "(training: false); pass them or use training: true for batch statistics.");
        }

        if (training && layout.ValuesPerChannel < 2)
        {
            throw new ArgumentException(
                "Expected more than 1 value per channel when training, got input size " +
                $"{x.Shape}. Use a batch of 2 or more samples, or evaluation mode.", nameof(x));
        }

        return layout;
    }

    private static void CheckBatchNormChannels(Tensor? vector, string name, Shape input)
    {
        if (vector is not null && (vector.Rank != 1 || vector.Shape[0] != input[1]))
        {
            throw new ArgumentException(
                $"BatchNorm: {name} has shape {vector.Shape} but input {input} has {input[1]} " +
                $"channels; expected {name} of shape ({input[1]},).");
        }
    }
}
