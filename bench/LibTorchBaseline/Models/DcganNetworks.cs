using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NativeGan.LibTorchBaseline.Models;

/// <summary>
/// The reference DCGAN for MNIST in TorchSharp (NCHW, no biases in the convolutions),
/// initialized as in Radford et al. (2016): convolution weights from N(0, 0.02), batch norm
/// scales from N(1, 0.02) and shifts 0.
/// </summary>
public static class DcganNetworks
{
    /// <summary>Channels of the latent input z, shaped (N, 100, 1, 1).</summary>
    public const int LatentSize = 100;

    private const double LeakySlope = 0.2;

    /// <summary>The six convolution layers, in the order G then D.</summary>
    public static IReadOnlyList<ConvLayerSpec> ConvLayers { get; } =
    [
        new("g_convt1", Transposed: true, 100, 256, Kernel: 7, Stride: 1, Padding: 0, 1),
        new("g_convt2", Transposed: true, 256, 128, Kernel: 4, Stride: 2, Padding: 1, 7),
        new("g_convt3", Transposed: true, 128, 1, Kernel: 4, Stride: 2, Padding: 1, 14),
        new("d_conv1", Transposed: false, 1, 64, Kernel: 4, Stride: 2, Padding: 1, 28),
        new("d_conv2", Transposed: false, 64, 128, Kernel: 4, Stride: 2, Padding: 1, 14),
        new("d_conv3", Transposed: false, 128, 1, Kernel: 7, Stride: 1, Padding: 0, 7),
    ];

    /// <summary>
    /// Creates G: z (N, 100, 1, 1) to images (N, 1, 28, 28) in [-1, 1], through 7x7 and
    /// 14x14 feature maps.
    /// </summary>
    public static nn.Module<Tensor, Tensor> CreateGenerator()
    {
        var generator = nn.Sequential(
            ConvLayers[0].CreateModule(),
            nn.BatchNorm2d(256),
            nn.ReLU(),
            ConvLayers[1].CreateModule(),
            nn.BatchNorm2d(128),
            nn.ReLU(),
            ConvLayers[2].CreateModule(),
            nn.Tanh());
        Initialize(generator);
        return generator;
    }

    /// <summary>
    /// Creates D: images (N, 1, 28, 28) to logits (N, 1), through 14x14 and 7x7 feature maps.
    /// </summary>
    public static nn.Module<Tensor, Tensor> CreateDiscriminator()
    {
        var discriminator = nn.Sequential(
            ConvLayers[3].CreateModule(),
            nn.LeakyReLU(LeakySlope),
            ConvLayers[4].CreateModule(),
            nn.BatchNorm2d(128),
            nn.LeakyReLU(LeakySlope),
            ConvLayers[5].CreateModule(),
            nn.Flatten());
        Initialize(discriminator);
        return discriminator;
    }

    private static void Initialize(nn.Module network)
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, module) in network.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    nn.init.normal_(conv.weight!, 0.0, 0.02);
                    break;
                case ConvTranspose2d convTranspose:
                    nn.init.normal_(convTranspose.weight!, 0.0, 0.02);
                    break;
                case BatchNorm2d batchNorm:
                    nn.init.normal_(batchNorm.weight!, 1.0, 0.02);
                    nn.init.zeros_(batchNorm.bias!);
                    break;
            }
        }
    }
}
