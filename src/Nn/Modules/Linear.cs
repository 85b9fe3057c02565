using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn;

/// <summary>
/// Fully connected layer y = x W^T + b. input: (N, inFeatures); output: (N, outFeatures).
/// </summary>
public sealed class Linear : Module
{
    /// <summary>
    /// Creates the layer with PyTorch's default initialization: weight and bias from
    /// U(-1/sqrt(inFeatures), 1/sqrt(inFeatures)).
    /// </summary>
    public Linear(int inFeatures, int outFeatures, Rng rng, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        float bound = 1f / MathF.Sqrt(inFeatures);
        var weight = new Tensor(outFeatures, inFeatures);
        rng.FillUniform(weight.Data, -bound, bound);
        Weight = RegisterParameter("weight", weight);
        if (bias)
        {
            var biasValues = new Tensor(outFeatures);
            rng.FillUniform(biasValues.Data, -bound, bound);
            Bias = RegisterParameter("bias", biasValues);
        }
    }

    /// <summary>Number of input features.</summary>
    public int InFeatures { get; }

    /// <summary>Number of output features.</summary>
    public int OutFeatures { get; }

    /// <summary>Weight of shape (outFeatures, inFeatures).</summary>
    public Variable Weight { get; }

    /// <summary>Bias of shape (outFeatures), or null when the layer has none.</summary>
    public Variable? Bias { get; }

    /// <inheritdoc />
    public override Variable Forward(Variable input) => Functions.Linear(input, Weight, Bias);

    /// <inheritdoc />
    public override string ToString() =>
        $"Linear({InFeatures}, {OutFeatures}, bias={(Bias is not null ? "true" : "false")})";
}
