using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn;

/// <summary>
/// Loss functions with mean reduction, matching torch.nn.functional. Targets are constants:
/// no gradient flows to them.
/// </summary>
public static partial class Losses
{
    /// <summary>
    /// Binary cross-entropy on logits, mean over elements. Computed as
    /// max(x, 0) - x y + log(1 + e^-|x|), which stays finite for any finite logit
    /// (e.g. +-1000). Gradient: (sigmoid(x) - y) / N.
    /// </summary>
    public static Variable BinaryCrossEntropyWithLogits(Variable logits, Tensor targets)
    {
        CheckShapes(logits, targets, nameof(BinaryCrossEntropyWithLogits));
        if (TensorOps.OnDevice(nameof(BinaryCrossEntropyWithLogits), logits.Value, targets))
        {
            return BinaryCrossEntropyWithLogitsOnDevice(logits, targets);
        }

        ReadOnlySpan<float> x = logits.Value.Data;
        ReadOnlySpan<float> y = targets.Data;
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float value = x[i];
            sum += MathF.Max(value, 0f) - value * y[i] + MathF.Log(1f + MathF.Exp(-MathF.Abs(value)));
        }

        int count = x.Length;
        var loss = Tensor.Scalar((float)(sum / count));
        return Variable.FromOperation(loss, [logits], dY =>
        {
            float scale = dY.Item() / count;
            var dX = new Tensor(logits.Shape);
            ReadOnlySpan<float> input = logits.Value.Data;
            for (int i = 0; i < input.Length; i++)
            {
                dX.Data[i] = scale * (Sigmoid(input[i]) - targets.Data[i]);
            }

            return [dX];
        });
    }

    /// <summary>
    /// Binary cross-entropy on probabilities in [0, 1], mean over elements. Each log is
    /// clamped at -100 as PyTorch does, so p = 0 or 1 gives a finite loss.
    /// </summary>
    public static Variable BinaryCrossEntropy(Variable probabilities, Tensor targets)
    {
        CheckShapes(probabilities, targets, nameof(BinaryCrossEntropy));
        ReadOnlySpan<float> p = probabilities.Value.Data;
        ReadOnlySpan<float> y = targets.Data;
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] >= 0f && p[i] <= 1f))
            {
                throw new ArgumentException(
                    $"BinaryCrossEntropy: input element {i} is {p[i]}, outside [0, 1]. " +
                    "Pass probabilities (after a sigmoid), or use BinaryCrossEntropyWithLogits.");
            }

            double logP = Math.Max(Math.Log(p[i]), -100.0);
            double logNotP = Math.Max(Math.Log(1.0 - p[i]), -100.0);
            sum -= y[i] * logP + (1.0 - y[i]) * logNotP;
        }

        int count = p.Length;
        var loss = Tensor.Scalar((float)(sum / count));
        return Variable.FromOperation(loss, [probabilities], dY =>
        {
            // d/dp = (p - y) / (p (1 - p)), with the denominator kept above 1e-12 as in PyTorch.
            float scale = dY.Item() / count;
            var dX = new Tensor(probabilities.Shape);
            ReadOnlySpan<float> input = probabilities.Value.Data;
            for (int i = 0; i < input.Length; i++)
            {
                float denominator = MathF.Max(input[i] * (1f - input[i]), 1e-12f);
                dX.Data[i] = scale * (input[i] - targets.Data[i]) / denominator;
            }

            return [dX];
        });
    }

    /// <summary>Mean squared error mean((x - y)^2). Gradient: 2 (x - y) / N.</summary>
    public static Variable MeanSquaredError(Variable predictions, Tensor targets)
    {
        CheckShapes(predictions, targets, nameof(MeanSquaredError));
        Tensor difference = TensorOps.Subtract(predictions.Value, targets);
        double sum = 0;
        foreach (float d in difference.Data)
        {
            sum += (double)d * d;
        }

        int count = difference.Length;
        var loss = Tensor.Scalar((float)(sum / count));
        return Variable.FromOperation(loss, [predictions], dY =>
            [TensorOps.Scale(difference, 2f * dY.Item() / count)]);
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private static void CheckShapes(Variable input, Tensor targets, string loss)
    {
        if (input.Shape != targets.Shape)
        {
            throw new ArgumentException(
                $"{loss}: input shape {input.Shape} and target shape {targets.Shape} " +
                "must be equal.");
        }

        if (targets.Length == 0)
        {
            throw new ArgumentException($"{loss}: input and target have no elements.");
        }
    }
}
