using NativeGan.Autodiff;
using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Gan.Models;

/// <summary>
/// Variational autoencoder (Kingma and Welling, 2014) whose decoder has exactly the
/// architecture of a GAN generator, so that a trained decoder can warm-start G.
/// Encoder: images (N, C, H, W) to features (N, F), then two linear heads to the mean and
/// log-variance of q(z|x), each (N, latent).
/// </summary>
public sealed class Vae : Module
{
    /// <summary>Assembles the model from an encoder body and a generator-shaped decoder.</summary>
    public Vae(Module encoder, int featureSize, ImageGenerator decoder, Rng rng)
    {
        Encoder = RegisterModule("encoder", encoder);
        Mean = RegisterModule("mean", new Linear(featureSize, decoder.LatentSize, rng));
        LogVariance = RegisterModule("log_variance", new Linear(featureSize, decoder.LatentSize, rng));
        Decoder = RegisterModule("decoder", decoder);
    }

    /// <summary>Network from images to features.</summary>
    public Module Encoder { get; }

    /// <summary>Head giving the mean of q(z|x).</summary>
    public Linear Mean { get; }

    /// <summary>Head giving the log-variance of q(z|x).</summary>
    public Linear LogVariance { get; }

    /// <summary>Decoder with G's architecture: z (N, latent) to images (N, C, H, W) in [-1, 1].</summary>
    public ImageGenerator Decoder { get; }

    /// <summary>Length of z.</summary>
    public int LatentSize => Decoder.LatentSize;

    /// <summary>Returns the mean of q(z|x) for images (N, C, H, W), a deterministic reconstruction code.</summary>
    public override Variable Forward(Variable input) => Mean.Forward(Encoder.Forward(input));

    /// <summary>
    /// Encodes, samples z = mean + exp(logvar / 2) * eps with eps from <paramref name="rng"/>,
    /// and decodes. Returns the reconstruction and the two heads for the loss.
    /// </summary>
    public (Variable Reconstruction, Variable Mean, Variable LogVariance) Reconstruct(
        Variable images, Rng rng)
    {
        Variable features = Encoder.Forward(images);
        Variable mean = Mean.Forward(features);
        Variable logVariance = LogVariance.Forward(features);
        var noise = new Tensor(mean.Shape);
        rng.FillNormal(noise.Data);
        Variable z = mean + Functions.Exp(logVariance * 0.5f) * new Variable(noise);
        return (Decoder.Forward(z), mean, logVariance);
    }

    /// <summary>
    /// Returns the KL divergence KL(q(z|x) || N(0, I)) summed over z and averaged over the
    /// batch: -1/2 sum(1 + logvar - mean^2 - exp(logvar)) / N, computed from the log-variance
    /// so that no variance is ever inverted.
    /// </summary>
    public static Variable KlDivergence(Variable mean, Variable logVariance)
    {
        int n = mean.Shape[0];
        Variable terms = logVariance + 1f - Functions.Square(mean) - Functions.Exp(logVariance);
        return Functions.Sum(terms) * (-0.5f / n);
    }
}
