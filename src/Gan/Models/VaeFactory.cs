using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Gan.Models;

/// <summary>Builds a VAE whose decoder is the generator of a GAN model.</summary>
public static class VaeFactory
{
    /// <summary>
    /// Creates the VAE for <paramref name="model"/>: the decoder is that model's G with the
    /// same initialization as in GAN training; the encoder mirrors its D up to the last layer.
    /// </summary>
    public static Vae Create(
        string model, int latentSize, Rng rng, ArchitectureOptions? options = null)
    {
        var (generator, _) = GanModelFactory.Create(model, latentSize, rng, options);
        ImageEncoder encoder = model switch
        {
            "mlp" => new ImageEncoder(
                new Sequential(
                    new Linear(ImageShape.MnistPixels, 512, rng),
                    new LeakyReLU(MlpGan.LeakySlope),
                    new Linear(512, 256, rng),
                    new LeakyReLU(MlpGan.LeakySlope)),
                ImageShape.Mnist,
                featureSize: 256,
                flatInput: true),
            "dcgan" => Dcgan.CreateEncoder(rng, options),
            _ => throw new ArgumentException(
                $"Unknown model '{model}'. Choose one of: {string.Join(", ", GanModelFactory.ModelNames)}."),
        };

        return new Vae(encoder, encoder.FeatureSize, generator, rng);
    }
}
