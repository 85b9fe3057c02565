using NativeGan.Gan.Models;
using NativeGan.Gan.Training;
using NativeGan.Nn;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>
/// The DCGAN training step that the check and the timing run: the reference DCGAN-MNIST
/// with latent size 100, Adam with lr 2e-4 and betas (0.5, 0.999), hard labels and the
/// non-saturating G loss, as in nativegan train.
/// </summary>
internal static class DcganStepSetup
{
    private const int LatentSize = 100;

    /// <summary>
    /// Creates the step on <paramref name="device"/> from seed <paramref name="seed"/>; the
    /// same seed gives the same weights and z on every device.
    /// </summary>
    public static GanStep Create(
        ComputeDevice device, ArchitectureOptions? architecture, ulong seed)
    {
        var (generator, discriminator) = GanModelFactory.Create(
            "dcgan", LatentSize, new Rng(seed), architecture);
        generator.To(device);
        discriminator.To(device);
        return new GanStep(
            generator,
            discriminator,
            new Adam(generator.Parameters(), 2e-4f, 0.5f, 0.999f),
            new Adam(discriminator.Parameters(), 2e-4f, 0.5f, 0.999f),
            new Rng(seed + 1));
    }

    /// <summary>Returns a host batch (N, 1, 28, 28) of random images in [-1, 1].</summary>
    public static Tensor RandomImages(int batch, ulong seed)
    {
        var images = new Tensor(batch, 1, 28, 28);
        new Rng(seed).FillUniform(images.Data, -1f, 1f);
        return images;
    }
}
