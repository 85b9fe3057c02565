using NativeGan.Nn.Init;
using NativeGan.Tensors;

namespace NativeGan.Nn;

/// <summary>
/// Default initialization of Conv2d and ConvTranspose2d, as in PyTorch's
/// _ConvNd.reset_parameters: the weight from kaiming_uniform_ with a = sqrt(5), which is
/// U(-1/sqrt(fanIn), 1/sqrt(fanIn)), then the bias from the same range.
/// </summary>
/// <remarks>
/// fanIn is weight dimension 1 times kh kw: Cin kh kw for Conv2d (weight (Cout, Cin, kh, kw))
/// and Cout kh kw for ConvTranspose2d (weight (Cin, Cout, kh, kw)), exactly as PyTorch
/// computes it.
/// </remarks>
internal static class ConvLayerInit
{
    /// <summary>Fills the weight and then the bias, if any, from <paramref name="rng"/>.</summary>
    public static void Reset(Tensor weight, Tensor? bias, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Initializers.KaimingUniform(weight, rng, a: Math.Sqrt(5.0));
        if (bias is not null)
        {
            long fanIn = Initializers.CalculateFanInAndFanOut(weight.Shape).FanIn;
            float bound = 1f / MathF.Sqrt(fanIn);
            rng.FillUniform(bias.Data, -bound, bound);
        }
    }
}
