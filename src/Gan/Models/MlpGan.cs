using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Gan.Models;

/// <summary>
/// The reference MLP GAN for 28x28 MNIST, and its variants from <see cref="ArchitectureOptions"/>.
/// G: Linear(latent, 256) LReLU(0.2) Linear(256, 512) LReLU(0.2) Linear(512, 1024)
/// LReLU(0.2) Linear(1024, 784) Tanh.
/// D: Linear(784, 512) LReLU(0.2) Linear(512, 256) LReLU(0.2) Linear(256, 1), a logit.
/// </summary>
public static class MlpGan
{
    /// <summary>Slope of the leaky ReLUs in both networks.</summary>
    public const float LeakySlope = ActivationFactory.LeakySlope;

    /// <summary>Hidden widths of the reference G.</summary>
    public static IReadOnlyList<int> GeneratorWidths { get; } = [256, 512, 1024];

    /// <summary>Hidden widths of the reference D.</summary>
    public static IReadOnlyList<int> DiscriminatorWidths { get; } = [512, 256];

    /// <summary>Creates the generator: z (N, latentSize) to images (N, 1, 28, 28) in [-1, 1].</summary>
    public static ImageGenerator CreateGenerator(
        int latentSize, Rng rng, ArchitectureOptions? options = null)
    {
        options ??= new ArchitectureOptions();
        string activation = options.Activation ?? "leaky_relu";
        bool batchNorm = options.BatchNorm ?? false;
        var body = new Sequential();
        int inputs = latentSize;
        foreach (int width in options.GeneratorWidths ?? [.. GeneratorWidths])
        {
            body.Add(new Linear(inputs, width, rng));
            if (batchNorm)
            {
                body.Add(new BatchNorm1d(width));
            }

            body.Add(ActivationFactory.Create(activation));
            inputs = width;
        }

        body.Add(new Linear(inputs, ImageShape.MnistPixels, rng));
        body.Add(new Tanh());
        return new ImageGenerator(body, latentSize, ImageShape.Mnist, flatLatent: true);
    }

    /// <summary>
    /// Creates the discriminator: images (N, 1, 28, 28) to logits (N, 1). Dropout layers, if
    /// any, draw their masks from <paramref name="dropoutRng"/>.
    /// </summary>
    public static ImageDiscriminator CreateDiscriminator(
        Rng rng, ArchitectureOptions? options = null, Rng? dropoutRng = null)
    {
        options ??= new ArchitectureOptions();
        string activation = options.Activation ?? "leaky_relu";
        bool batchNorm = options.BatchNorm ?? false;
        var body = new Sequential();
        int inputs = ImageShape.MnistPixels;
        int index = 0;
        foreach (int width in options.DiscriminatorWidths ?? [.. DiscriminatorWidths])
        {
            body.Add(new Linear(inputs, width, rng));
            if (batchNorm && index > 0)
            {
                body.Add(new BatchNorm1d(width));
            }

            body.Add(ActivationFactory.Create(activation));
            if (options.Dropout > 0f)
            {
                body.Add(new Dropout(options.Dropout, dropoutRng ?? rng));
            }

            inputs = width;
            index++;
        }

        body.Add(new Linear(inputs, 1, rng));
        return new ImageDiscriminator(body, ImageShape.Mnist, flatInput: true);
    }
}
