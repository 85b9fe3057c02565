using NativeGan.Tensors;

namespace NativeGan.Nn.Init;

/// <summary>
/// Weight initializers with the definitions of PyTorch's torch.nn.init. Each one fills a
/// tensor in place from a seeded <see cref="Rng"/> and returns the same tensor, so a fixed
/// seed gives the same weights on every run.
/// </summary>
public static partial class Initializers
{
    /// <summary>Fills <paramref name="tensor"/> with samples of N(mean, std^2). DCGAN
    /// (Radford et al., 2016) initializes all weights with N(0, 0.02^2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="mean"/> is not finite, or <paramref name="std"/> is negative or not finite.
    /// </exception>
    public static Tensor Normal(Tensor tensor, Rng rng, float mean = 0f, float std = 1f)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(rng);
        if (!float.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(
                nameof(mean), mean, "The mean of a normal distribution must be finite.");
        }

        if (!float.IsFinite(std) || std < 0f)
        {
            throw new ArgumentOutOfRangeException(
                nameof(std), std,
                "The standard deviation of a normal distribution must be finite and >= 0.");
        }

        rng.FillNormal(tensor.AsSpan(), mean, std);
        return tensor;
    }

    /// <summary>Fills <paramref name="tensor"/> with samples of U(low, high), each in
    /// [low, high).</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A bound is not finite, or <paramref name="low"/> is greater than <paramref name="high"/>.
    /// </exception>
    public static Tensor Uniform(Tensor tensor, Rng rng, float low = 0f, float high = 1f)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(rng);
        if (!float.IsFinite(low) || !float.IsFinite(high) || low > high)
        {
            throw new ArgumentOutOfRangeException(
                nameof(low), low,
                $"Invalid uniform range [{low}, {high}): both bounds must be finite and " +
                "low must not exceed high.");
        }

        rng.FillUniform(tensor.AsSpan(), low, high);
        return tensor;
    }

    /// <summary>Sets every element of <paramref name="tensor"/> to
    /// <paramref name="value"/>.</summary>
    public static Tensor Constant(Tensor tensor, float value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.AsSpan().Fill(value);
        return tensor;
    }

    /// <summary>Sets every element of <paramref name="tensor"/> to 0.</summary>
    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0f);

    /// <summary>Sets every element of <paramref name="tensor"/> to 1.</summary>
    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1f);

    /// <summary>
    /// Fills a weight of rank 2 or more with U(-b, b), where
    /// b = gain * sqrt(6 / (fan_in + fan_out)) (Glorot and Bengio, 2010).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor XavierUniform(Tensor tensor, Rng rng, double gain = 1.0)
    {
        double std = XavierStd(tensor, rng, gain);
        if (tensor.Length > 0)
        {
            // A uniform distribution on [-b, b) has standard deviation b / sqrt(3).
            float bound = (float)(Math.Sqrt(3.0) * std);
            rng.FillUniform(tensor.AsSpan(), -bound, bound);
        }

        return tensor;
    }

    /// <summary>
    /// Fills a weight of rank 2 or more with N(0, std^2), where
    /// std = gain * sqrt(2 / (fan_in + fan_out)) (Glorot and Bengio, 2010).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor XavierNormal(Tensor tensor, Rng rng, double gain = 1.0)
    {
        double std = XavierStd(tensor, rng, gain);
        if (tensor.Length > 0)
        {
            rng.FillNormal(tensor.AsSpan(), 0f, (float)std);
        }

        return tensor;
    }

    /// <summary>
    /// Fills a weight of rank 2 or more with U(-b, b), where b = gain * sqrt(3 / fan) and the
    /// gain is <see cref="CalculateGain"/> of <paramref name="nonlinearity"/> with slope
    /// <paramref name="a"/> (He et al., 2015). Leaves a tensor with no elements unchanged.
    /// </summary>
    /// <param name="tensor">Weight, (out, in) or (out, in / groups, k...).</param>
    /// <param name="rng">Generator that supplies the samples.</param>
    /// <param name="a">Negative slope of the leaky ReLU after the layer; 0 means ReLU.</param>
    /// <param name="mode">Fan that the variance is scaled by.</param>
    /// <param name="nonlinearity">Nonlinearity after the layer.</param>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor KaimingUniform(
        Tensor tensor,
        Rng rng,
        double a = 0.0,
        FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        if (!TryKaimingStd(tensor, rng, a, mode, nonlinearity, out double std))
        {
            return tensor;
        }

        float bound = (float)(Math.Sqrt(3.0) * std);
        rng.FillUniform(tensor.AsSpan(), -bound, bound);
        return tensor;
    }

    /// <summary>
    /// Fills a weight of rank 2 or more with N(0, std^2), where std = gain / sqrt(fan) and the
    /// gain is <see cref="CalculateGain"/> of <paramref name="nonlinearity"/> with slope
    /// <paramref name="a"/> (He et al., 2015). Leaves a tensor with no elements unchanged.
    /// </summary>
    /// <param name="tensor">Weight, (out, in) or (out, in / groups, k...).</param>
    /// <param name="rng">Generator that supplies the samples.</param>
    /// <param name="a">Negative slope of the leaky ReLU after the layer; 0 means ReLU.</param>
    /// <param name="mode">Fan that the variance is scaled by.</param>
    /// <param name="nonlinearity">Nonlinearity after the layer.</param>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor KaimingNormal(
        Tensor tensor,
        Rng rng,
        double a = 0.0,
        FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        if (!TryKaimingStd(tensor, rng, a, mode, nonlinearity, out double std))
        {
            return tensor;
        }

        rng.FillNormal(tensor.AsSpan(), 0f, (float)std);
        return tensor;
    }

    private static double XavierStd(Tensor tensor, Rng rng, double gain)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(rng);
        if (!double.IsFinite(gain) || gain < 0.0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(gain), gain, "The gain must be finite and >= 0.");
        }

        Fans fans = CalculateFanInAndFanOut(tensor.Shape);
        return gain * Math.Sqrt(2.0 / (fans.FanIn + fans.FanOut));
    }

    private static bool TryKaimingStd(
        Tensor tensor, Rng rng, double a, FanMode mode, Nonlinearity nonlinearity,
        out double std)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(rng);
        std = 0.0;

        // PyTorch returns a tensor with a zero dimension unchanged (with a warning) before it
        // computes the fans, so an empty tensor of rank 1 is accepted too.
        if (tensor.Length == 0)
        {
            return false;
        }

        long fan = CalculateFanInAndFanOut(tensor.Shape).Select(mode);
        std = CalculateGain(nonlinearity, a) / Math.Sqrt(fan);
        return true;
    }
}
