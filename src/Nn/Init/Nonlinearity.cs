namespace NativeGan.Nn.Init;

/// <summary>
/// Nonlinearity, or layer kind, whose recommended gain
/// <see cref="Initializers.CalculateGain"/> returns; the names of torch.nn.init.calculate_gain.
/// </summary>
public enum Nonlinearity
{
    /// <summary>Identity; gain 1.</summary>
    Linear,

    /// <summary>1-D convolution; gain 1.</summary>
    Conv1d,

    /// <summary>2-D convolution; gain 1.</summary>
    Conv2d,

    /// <summary>3-D convolution; gain 1.</summary>
    Conv3d,

    /// <summary>1-D transposed convolution; gain 1.</summary>
    ConvTranspose1d,

    /// <summary>2-D transposed convolution; gain 1.</summary>
    ConvTranspose2d,

    /// <summary>3-D transposed convolution; gain 1.</summary>
    ConvTranspose3d,

    /// <summary>Logistic sigmoid; gain 1.</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent; gain 5/3.</summary>
    Tanh,

    /// <summary>Rectified linear unit; gain sqrt(2).</summary>
    Relu,

    /// <summary>Leaky ReLU with a negative slope; gain sqrt(2 / (1 + slope^2)).</summary>
    LeakyRelu,

    /// <summary>Scaled exponential linear unit; gain 3/4.</summary>
    Selu,
}
