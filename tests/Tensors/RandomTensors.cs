namespace NativeGan.Tensors.Tests;

/// <summary>Seeded random tensors for tests, so that a failure reproduces on every run.</summary>
internal static class RandomTensors
{
    /// <summary>Creates a tensor of the given shape with values from U(low, high).</summary>
    public static Tensor Uniform(Rng rng, int[] shape, float low = -2f, float high = 2f)
    {
        var tensor = new Tensor(shape);
        rng.FillUniform(tensor.Data, low, high);
        return tensor;
    }

    /// <summary>
    /// Creates a tensor with values whose magnitude is in [0.5, 2] and whose sign is random,
    /// for divisors kept away from zero.
    /// </summary>
    public static Tensor AwayFromZero(Rng rng, int[] shape)
    {
        var tensor = new Tensor(shape);
        for (int i = 0; i < tensor.Length; i++)
        {
            float magnitude = rng.Uniform(0.5f, 2f);
            tensor.Data[i] = rng.NextFloat() < 0.5f ? -magnitude : magnitude;
        }

        return tensor;
    }
}
