using NativeGan.Tensors;

namespace NativeGan.Autodiff;

/// <summary>Worst disagreement between analytic and finite-difference gradients.</summary>
/// <param name="Passed">Whether every element was within tolerance.</param>
/// <param name="MaxAbsoluteError">Largest |analytic - numeric| over all elements.</param>
/// <param name="Worst">Input and flat element index of the worst element, with both values.</param>
public sealed record GradientCheckResult(
    bool Passed, double MaxAbsoluteError, string Worst);

/// <summary>
/// Compares the gradients from <see cref="Variable.Backward()"/> with central finite
/// differences, the way torch.autograd.gradcheck does, but in float32.
/// </summary>
/// <remarks>
/// A non-scalar output is reduced to L = sum(w * output) with fixed random weights w, so
/// that every output element contributes. L is accumulated in double. Float32 rounding
/// limits the accuracy to about 1e-3 relative, so pick inputs away from kinks
/// (ReLU at 0) and use the default tolerances unless an op needs looser ones.
/// </remarks>
public static class GradientCheck
{
    /// <summary>
    /// Checks the gradient of <paramref name="function"/> with respect to each input.
    /// An element passes when |analytic - numeric| &lt;= absoluteTolerance +
    /// relativeTolerance * max(|analytic|, |numeric|).
    /// </summary>
    public static GradientCheckResult Check(
        Func<Variable[], Variable> function,
        Tensor[] inputs,
        float epsilon = 1e-2f,
        double absoluteTolerance = 2e-3,
        double relativeTolerance = 2e-2,
        ulong seed = 1)
    {
        Variable[] variables = inputs
            .Select((t, i) => new Variable(t.Clone(), requiresGrad: true, name: $"input {i}"))
            .ToArray();
        Variable output = function(variables);
        var weights = new Tensor(output.Shape);
        new Rng(seed).FillUniform(weights.Data, 0.5f, 1.5f);
        Functions.Sum(output * new Variable(weights)).Backward();

        bool passed = true;
        double maxError = 0;
        string worst = "none";
        for (int v = 0; v < variables.Length; v++)
        {
            float[] values = variables[v].Value.Data;
            Tensor analytic = variables[v].Grad ?? new Tensor(variables[v].Shape);
            for (int i = 0; i < values.Length; i++)
            {
                float original = values[i];
                values[i] = original + epsilon;
                double plus = Evaluate(function, variables, weights);
                values[i] = original - epsilon;
                double minus = Evaluate(function, variables, weights);
                values[i] = original;

                double numeric = (plus - minus) / (2.0 * epsilon);
                double exact = analytic.Data[i];
                double error = Math.Abs(exact - numeric);
                double allowed = absoluteTolerance +
                    relativeTolerance * Math.Max(Math.Abs(exact), Math.Abs(numeric));
                if (error > allowed)
                {
                    passed = false;
                }

                if (error > maxError)
                {
                    maxError = error;
                    worst = $"input {v} element {i}: analytic {exact:G6}, numeric {numeric:G6}";
                }
            }
        }

        return new GradientCheckResult(passed, maxError, worst);
    }

    private static double Evaluate(
        Func<Variable[], Variable> function, Variable[] variables, Tensor weights)
    {
        using (GradMode.NoGrad())
        {
            Tensor output = function(variables).Value;
            double sum = 0;
            for (int i = 0; i < output.Length; i++)
            {
                sum += (double)weights.Data[i] * output.Data[i];
            }

            return sum;
        }
    }
}
