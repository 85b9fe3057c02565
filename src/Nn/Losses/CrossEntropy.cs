using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn;

public static partial class Losses
{
    /// <summary>
    /// Softmax cross-entropy with integer class labels, mean over samples, as
    /// torch.nn.functional.cross_entropy with class-index targets. logits: (N, C);
    /// labels: N class indices in [0, C). Loss: mean over n of logsumexp(x_n) - x_n[y_n],
    /// computed in double after subtracting the row maximum, so any finite logits give a
    /// finite loss. Gradient: (softmax(x) - onehot(y)) / N.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The logits are not (N, C) with N, C at least 1, the label count is not N, or a label
    /// is outside [0, C).
    /// </exception>
    public static Variable CrossEntropy(Variable logits, ReadOnlySpan<int> labels)
    {
        Shape shape = logits.Shape;
        if (shape.Rank != 2 || shape[0] == 0 || shape[1] == 0)
        {
            throw new ArgumentException(
                $"CrossEntropy: logits have shape {shape}; expected (N, C) with N and C at " +
                "least 1.", nameof(logits));
        }

        int rows = shape[0];
        int classes = shape[1];
        if (labels.Length != rows)
        {
            throw new ArgumentException(
                $"CrossEntropy: {labels.Length} labels for logits of shape {shape}; pass one " +
                "label per row.", nameof(labels));
        }

        int[] targets = labels.ToArray();
        for (int n = 0; n < rows; n++)
        {
            if ((uint)targets[n] >= (uint)classes)
            {
                throw new ArgumentException(
                    $"CrossEntropy: label {targets[n]} at row {n} is outside [0, {classes}); " +
                    "labels must be class indices.", nameof(labels));
            }
        }

        // Softmax probabilities (N, C), kept for the backward rule.
        var probabilities = new Tensor(shape);
        ReadOnlySpan<float> x = logits.Value.Data;
        var exps = new double[classes];
        double sum = 0;
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<float> row = x.Slice(n * classes, classes);
            Span<float> p = probabilities.Data.AsSpan(n * classes, classes);
            float max = float.NegativeInfinity;
            foreach (float value in row)
            {
                max = MathF.Max(max, value);
            }

            double total = 0;
            for (int c = 0; c < classes; c++)
            {
                exps[c] = Math.Exp((double)row[c] - max);
                total += exps[c];
            }

            for (int c = 0; c < classes; c++)
            {
                p[c] = (float)(exps[c] / total);
            }

            // -log softmax(x)[y] = log(sum exp(x - max)) - (x[y] - max).
            sum += Math.Log(total) - ((double)row[targets[n]] - max);
        }

        var loss = Tensor.Scalar((float)(sum / rows));
        return Variable.FromOperation(loss, [logits], dY =>
        {
            float scale = dY.Item() / rows;
            var dX = TensorOps.Scale(probabilities, scale);
            for (int n = 0; n < rows; n++)
            {
                dX.Data[n * classes + targets[n]] -= scale;
            }

            return [dX];
        });
    }
}
