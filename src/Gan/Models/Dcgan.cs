using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Gan.Models;

/// <summary>
/// The reference DCGAN for 28x28 MNIST (NCHW, no biases in the convolutions), after
/// Radford et al. (2016), and its variants from <see cref="ArchitectureOptions"/>.
/// G: z as (N, latent, 1, 1); ConvTranspose2d(latent, 256, k7, s1, p0) BN ReLU [7x7];
/// ConvTranspose2d(256, 128, k4, s2, p1) BN ReLU [14x14]; ConvTranspose2d(128, 1, k4, s2, p1)
/// Tanh [28x28].
/// D: Conv2d(1, 64, k4, s2, p1) LReLU(0.2) [14x14]; Conv2d(64, 128, k4, s2, p1) BN LReLU(0.2)
/// [7x7]; Conv2d(128, 1, k7, s1, p0), a logit.
/// </summary>
public static class Dcgan
{
    /// <summary>Slope of D's leaky ReLUs.</summary>
    public const float LeakySlope = ActivationFactory.LeakySlope;

    /// <summary>Channels of the reference G at 7x7 and 14x14.</summary>
    public static IReadOnlyList<int> GeneratorChannels { get; } = [256, 128];

    /// <summary>Channels of the reference D at 14x14 and 7x7.</summary>
    public static IReadOnlyList<int> DiscriminatorChannels { get; } = [64, 128];

    /// <summary>Creates the generator: z (N, latentSize) to images (N, 1, 28, 28) in [-1, 1].</summary>
    public static ImageGenerator CreateGenerator(
        int latentSize, Rng rng, ArchitectureOptions? options = null)
    {
        options ??= new ArchitectureOptions();
        int[] channels = options.GeneratorWidths ?? [.. GeneratorChannels];
        string activation = options.Activation ?? "relu";
        bool batchNorm = options.BatchNorm ?? true;
        var body = new Sequential(
            new ConvTranspose2d(latentSize, channels[0], 7, rng, stride: 1, padding: 0, bias: false));
        AddNormalization(body, channels[0], batchNorm);
        body.Add(ActivationFactory.Create(activation));
        body.Add(new ConvTranspose2d(channels[0], channels[1], 4, rng, stride: 2, padding: 1, bias: false));
        AddNormalization(body, channels[1], batchNorm);
        body.Add(ActivationFactory.Create(activation));
        body.Add(new ConvTranspose2d(channels[1], 1, 4, rng, stride: 2, padding: 1, bias: false));
        body.Add(new Tanh());
        return new ImageGenerator(body, latentSize, ImageShape.Mnist, flatLatent: false);
    }

    /// <summary>
    /// Creates the discriminator: images (N, 1, 28, 28) to logits (N, 1). Dropout layers, if
    /// any, draw their masks from <paramref name="dropoutRng"/>.
    /// </summary>
    public static ImageDiscriminator CreateDiscriminator(
        Rng rng, ArchitectureOptions? options = null, Rng? dropoutRng = null)
    {
        options ??= new ArchitectureOptions();
        int[] channels = options.DiscriminatorWidths ?? [.. DiscriminatorChannels];
        var body = new Sequential(FeatureLayers(rng, options, dropoutRng ?? rng));
        body.Add(new Conv2d(channels[1], 1, 7, rng, stride: 1, padding: 0, bias: false));
        return new ImageDiscriminator(body, ImageShape.Mnist, flatInput: false);
    }

    /// <summary>
    /// Creates a VAE encoder with D's layers up to its last convolution, flattened:
    /// images (N, 1, 28, 28) to features (N, channels x 7 x 7).
    /// </summary>
    public static ImageEncoder CreateEncoder(Rng rng, ArchitectureOptions? options = null)
    {
        options ??= new ArchitectureOptions();
        int[] channels = options.DiscriminatorWidths ?? [.. DiscriminatorChannels];
        var body = new Sequential(FeatureLayers(rng, options with { Dropout = 0f }, rng));
        body.Add(new Flatten());
        return new ImageEncoder(body, ImageShape.Mnist, channels[1] * 7 * 7, flatInput: false);
    }

    private static Module[] FeatureLayers(Rng rng, ArchitectureOptions options, Rng dropoutRng)
    {
        int[] channels = options.DiscriminatorWidths ?? [.. DiscriminatorChannels];
        string activation = options.Activation ?? "leaky_relu";
        var layers = new List<Module>
        {
            new Conv2d(1, channels[0], 4, rng, stride: 2, padding: 1, bias: false),
            ActivationFactory.Create(activation),
        };
        AddDropout(layers, options.Dropout, dropoutRng);
        layers.Add(new Conv2d(channels[0], channels[1], 4, rng, stride: 2, padding: 1, bias: false));
        if (options.BatchNorm ?? true)
        {
            layers.Add(new BatchNorm2d(channels[1]));
        }

        layers.Add(ActivationFactory.Create(activation));
        AddDropout(layers, options.Dropout, dropoutRng);
        return [.. layers];
    }

    private static void AddNormalization(Sequential body, int channels, bool batchNorm)
    {
        if (batchNorm)
        {
            body.Add(new BatchNorm2d(channels));
        }
    }

    private static void AddDropout(List<Module> layers, float probability, Rng rng)
    {
        if (probability > 0f)
        {
            layers.Add(new Dropout(probability, rng));
        }
    }
}
