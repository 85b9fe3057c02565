using NativeGan.Tensors;

namespace NativeGan.Nn.Init;

// Gains and fans that the Xavier and Kaiming initializers scale by, with the definitions of
// torch.nn.init.calculate_gain and torch.nn.init._calculate_fan_in_and_fan_out.
public static partial class Initializers
{
    /// <summary>Negative slope of leaky ReLU that <see cref="CalculateGain"/> assumes when
    /// none is given, PyTorch's default.</summary>
    public const double DefaultLeakyReluSlope = 0.01;

    /// <summary>
    /// Returns the recommended gain for <paramref name="nonlinearity"/>: 1 for linear,
    /// convolution and sigmoid; 5/3 for tanh; sqrt(2) for ReLU; sqrt(2 / (1 + slope^2))
    /// for leaky ReLU; 3/4 for SELU.
    /// </summary>
    /// <param name="nonlinearity">Nonlinearity that follows the layer.</param>
    /// <param name="param">
    /// Negative slope of leaky ReLU (<see cref="DefaultLeakyReluSlope"/> when null); ignored
    /// for the other nonlinearities, as in PyTorch.
    /// </param>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null)
    {
        switch (nonlinearity)
        {
            case Nonlinearity.Linear:
            case Nonlinearity.Conv1d:
            case Nonlinearity.Conv2d:
            case Nonlinearity.Conv3d:
            case Nonlinearity.ConvTranspose1d:
            case Nonlinearity.ConvTranspose2d:
            case Nonlinearity.ConvTranspose3d:
            case Nonlinearity.Sigmoid:
                return 1.0;
            case Nonlinearity.Tanh:
                return 5.0 / 3.0;
            case Nonlinearity.Relu:
                return Math.Sqrt(2.0);
            case Nonlinearity.LeakyRelu:
                double slope = param ?? DefaultLeakyReluSlope;
                if (!double.IsFinite(slope))
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(param), slope,
                        "The negative slope of leaky ReLU must be a finite number.");
                }

                return Math.Sqrt(2.0 / (1.0 + slope * slope));
            case Nonlinearity.Selu:
                // PyTorch's empirical value: it gives up SELU's self-normalizing fixed point
                // for more stable gradients. Self-normalizing networks should use Linear (1).
                return 3.0 / 4.0;
            default:
                throw new ArgumentOutOfRangeException(
                    nameof(nonlinearity), nonlinearity,
                    "Unknown nonlinearity; use one of the Nonlinearity enum values.");
        }
    }

    /// <summary>
    /// Calculates fan in and fan out of a weight of <paramref name="shape"/>: (out, in) for
    /// Linear, (out, in / groups, k...) for convolutions, where the receptive field size is
    /// the product of the dimensions after the first two.
    /// </summary>
    /// <remarks>
    /// A transposed convolution stores its weight as (in, out / groups, k...), so its
    /// "fan in" here counts output channels, exactly as PyTorch computes it.
    /// </remarks>
    /// <exception cref="ArgumentException">The shape has fewer than 2 dimensions.</exception>
    public static Fans CalculateFanInAndFanOut(Shape shape)
    {
        if (shape.Rank < 2)
        {
            throw new ArgumentException(
                $"Cannot compute fan in and fan out of shape {shape}: a weight needs at least " +
                "2 dimensions, (out, in) or (out, in, k...). Initialize 1-D tensors such as " +
                "biases with Normal, Uniform or Constant instead.", nameof(shape));
        }

        long receptiveFieldSize = 1;
        for (int axis = 2; axis < shape.Rank; axis++)
        {
            receptiveFieldSize *= shape[axis];
        }

        return new Fans(
            FanIn: shape[1] * receptiveFieldSize,
            FanOut: shape[0] * receptiveFieldSize);
    }
}
