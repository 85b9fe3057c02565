using NativeGan.Autodiff;

namespace NativeGan.Nn;

/// <summary>Rectified linear unit max(x, 0); any shape.</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc />
    public override Variable Forward(Variable input) => Functions.Relu(input);

    /// <inheritdoc />
    public override string ToString() => "ReLU()";
}

/// <summary>Leaky ReLU: x for x > 0, else slope * x; any shape.</summary>
public sealed class LeakyReLU(float negativeSlope = 0.01f) : Module
{
    /// <summary>Slope for negative inputs.</summary>
    public float NegativeSlope { get; } = negativeSlope;

    /// <inheritdoc />
    public override Variable Forward(Variable input) =>
        Functions.LeakyRelu(input, NegativeSlope);

    /// <inheritdoc />
    public override string ToString() => $"LeakyReLU({NegativeSlope})";
}

/// <summary>Hyperbolic tangent; any shape.</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc />
    public override Variable Forward(Variable input) => Functions.Tanh(input);

    /// <inheritdoc />
    public override string ToString() => "Tanh()";
}

/// <summary>Logistic sigmoid 1 / (1 + e^-x); any shape.</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc />
    public override Variable Forward(Variable input) => Functions.Sigmoid(input);

    /// <inheritdoc />
    public override string ToString() => "Sigmoid()";
}
