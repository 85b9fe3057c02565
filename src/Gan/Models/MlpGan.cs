using NativeGan.Autodiff;
using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Gan.Models;

/// <summary>
/// The reference MLP GAN for 28x28 MNIST.
/// G: Linear(latent, 256) LReLU(0.2) Linear(256, 512) LReLU(0.2) Linear(512, 1024)
/// LReLU(0.2) Linear(1024, 784) Tanh.
/// D: Linear(784, 512) LReLU(0.2) Linear(512, 256) LReLU(0.2) Linear(256, 1), a logit.
/// </summary>
public static class MlpGan
{
    /// <summary>Slope of the leaky ReLUs in both networks.</summary>
    public const float LeakySlope = 0.2f;

    /// <summary>Creates the generator: z (N, latentSize) to images (N, 1, 28, 28) in [-1, 1].</summary>
    public static ImageGenerator CreateGenerator(int latentSize, Rng rng)
    {
        var body = new Sequential(
            new Linear(latentSize, 256, rng),
            new LeakyReLU(LeakySlope),
            new Linear(256, 512, rng),
            new LeakyReLU(LeakySlope),
            new Linear(512, 1024, rng),
            new LeakyReLU(LeakySlope),
            new Linear(1024, ImageShape.MnistPixels, rng),
            new Tanh());
        return new ImageGenerator(body, latentSize, ImageShape.Mnist, flatLatent: true);
    }

    /// <summary>Creates the discriminator: images (N, 1, 28, 28) to logits (N, 1).</summary>
    public static ImageDiscriminator CreateDiscriminator(Rng rng)
    {
        var body = new Sequential(
            new Linear(ImageShape.MnistPixels, 512, rng),
            new LeakyReLU(LeakySlope),
            new Linear(512, 256, rng),
            new LeakyReLU(LeakySlope),
            new Linear(256, 1, rng));
        return new ImageDiscriminator(body, ImageShape.Mnist, flatInput: true);
    }
}
