using TorchSharp;
using static TorchSharp.torch;

namespace NativeGan.LibTorchBaseline.Models;

/// <summary>
/// The reference MLP GAN for 28x28 MNIST in TorchSharp, layer for layer as NativeGan's
/// MlpGan, initialized as NativeGan's GanModelFactory does: weights from N(0, 0.02), biases 0.
/// </summary>
public static class MlpGanNetworks
{
    /// <summary>Values of the latent vector z.</summary>
    public const int LatentSize = 100;

    /// <summary>Pixels of a flattened 28x28 image.</summary>
    public const int ImagePixels = 784;

    private const double LeakySlope = 0.2;

    /// <summary>Creates G: z (N, 100) to images (N, 784) in [-1, 1].</summary>
    public static nn.Module<Tensor, Tensor> CreateGenerator() => Initialize(nn.Sequential(
        nn.Linear(LatentSize, 256),
        nn.LeakyReLU(LeakySlope),
        nn.Linear(256, 512),
        nn.LeakyReLU(LeakySlope),
        nn.Linear(512, 1024),
        nn.LeakyReLU(LeakySlope),
        nn.Linear(1024, ImagePixels),
        nn.Tanh()));

    /// <summary>Creates D: images (N, 784) to logits (N, 1).</summary>
    public static nn.Module<Tensor, Tensor> CreateDiscriminator() => Initialize(nn.Sequential(
        nn.Linear(ImagePixels, 512),
        nn.LeakyReLU(LeakySlope),
        nn.Linear(512, 256),
        nn.LeakyReLU(LeakySlope),
        nn.Linear(256, 1)));

    private static nn.Module<Tensor, Tensor> Initialize(nn.Module<Tensor, Tensor> network)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in network.named_parameters())
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                nn.init.zeros_(parameter);
            }
            else
            {
                nn.init.normal_(parameter, 0.0, 0.02);
            }
        }

        return network;
    }
}
