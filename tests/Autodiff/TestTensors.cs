using NativeGan.Tensors;

namespace NativeGan.Autodiff.Tests;

/// <summary>Seeded random inputs for gradient tests, so that a failure reproduces.</summary>
internal static class TestTensors
{
    /// <summary>Creates a tensor with values from U(low, high).</summary>
    public static Tensor Uniform(ulong seed, int[] shape, float low = -2f, float high = 2f)
    {
        var tensor = new Tensor(shape);
        new Rng(seed).FillUniform(tensor.Data, low, high);
        return tensor;
    }

    /// <summary>
    /// Creates a tensor whose values have magnitude in [0.3, 2] and a random sign: away from
    /// zero, where ReLU has its kink and division blows up, by more than a finite-difference
    /// step of 1e-2.
    /// </summary>
    public static Tensor AwayFromZero(ulong seed, int[] shape)
    {
        var rng = new Rng(seed);
        var tensor = new Tensor(shape);
        for (int i = 0; i < tensor.Length; i++)
        {
            float magnitude = rng.Uniform(0.3f, 2f);
            tensor.Data[i] = rng.NextFloat() < 0.5f ? -magnitude : magnitude;
        }

        return tensor;
    }
}
