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
    public static IReadOnlyList<string> ModelNames { get; } = ["dcgan", "mlp"];

    /// <summary>
    /// Creates the pair for <paramref name="model"/> with the DCGAN initialization
    /// (Radford et al., 2016): linear and convolution weights from N(0, 0.02^2), batch-norm
    /// scales from N(1, 0.02^2), biases zero, all drawn from <paramref name="rng"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="options"/> changes activations, widths, batch norm and dropout; null
    /// builds the reference model. Dropout masks come from <paramref name="dropoutRng"/>, a
    /// stream that a checkpoint can save, or from <paramref name="rng"/> when it is null.
    /// </remarks>
    public static (ImageGenerator Generator, ImageDiscriminator Discriminator) Create(
        string model, int latentSize, Rng rng, ArchitectureOptions? options = null,
        Rng? dropoutRng = null)
    {
        options ??= new ArchitectureOptions();
        options.Validate(model);
        (ImageGenerator generator, ImageDiscriminator discriminator) = model switch
        {
            "mlp" => (
                MlpGan.CreateGenerator(latentSize, rng, options),
                MlpGan.CreateDiscriminator(rng, options, dropoutRng)),
            "dcgan" => (
                Dcgan.CreateGenerator(latentSize, rng, options),
                Dcgan.CreateDiscriminator(rng, options, dropoutRng)),
            _ => throw new ArgumentException(
                $"Unknown model '{model}'. Choose one of: {string.Join(", ", ModelNames)}."),
        };

        InitializeWeights(generator, rng);
        InitializeWeights(discriminator, rng);
        return (generator, discriminator);
    }

    /// <summary>Applies the DCGAN initialization to every layer of <paramref name="module"/>.</summary>
    public static void InitializeWeights(Module module, Rng rng)
    {
        foreach (Module layer in Descendants(module))
        {
            float weightMean = layer is BatchNormBase ? 1f : 0f;
            foreach (var (name, parameter) in layer.NamedParameters())
            {
                if (name.Contains('.', StringComparison.Ordinal))
                {
                    continue;
                }

                if (name == "bias")
                {
                    Initializers.Zeros(parameter.Value);
                }
                else
                {
                    Initializers.Normal(parameter.Value, rng, weightMean, WeightStd);
                }
            }
        }
    }

    private static IEnumerable<Module> Descendants(Module module)
    {
        yield return module;
        foreach (var (_, child) in module.Children())
        {
            foreach (Module descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
