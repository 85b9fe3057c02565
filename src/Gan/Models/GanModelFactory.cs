using NativeGan.Nn;
using NativeGan.Nn.Init;
using NativeGan.Tensors;

namespace NativeGan.Gan.Models;

/// <summary>Builds G and D for a model name and initializes them as the DCGAN paper does.</summary>
public static class GanModelFactory
{
    /// <summary>Standard deviation of the N(0, std^2) initial weights.</summary>
    public const float WeightStd = 0.02f;

    /// <summary>Model names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = ["mlp"];

    /// <summary>
    /// Creates the pair for <paramref name="model"/>: weight matrices from N(0, 0.02^2),
    /// biases zero (Radford et al., 2016), all drawn from <paramref name="rng"/>.
    /// </summary>
    public static (ImageGenerator Generator, ImageDiscriminator Discriminator) Create(
        string model, int latentSize, Rng rng)
    {
        (ImageGenerator generator, ImageDiscriminator discriminator) = model switch
        {
            "mlp" => (MlpGan.CreateGenerator(latentSize, rng), MlpGan.CreateDiscriminator(rng)),
            _ => throw new ArgumentException(
                $"Unknown model '{model}'. Choose one of: {string.Join(", ", ModelNames)}."),
        };

        InitializeWeights(generator, rng);
        InitializeWeights(discriminator, rng);
        return (generator, discriminator);
    }

    private static void InitializeWeights(Module module, Rng rng)
    {
        foreach (var (name, parameter) in module.NamedParameters())
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                Initializers.Zeros(parameter.Value);
            }
            else
            {
                Initializers.Normal(parameter.Value, rng, 0f, WeightStd);
            }
        }
    }
}
