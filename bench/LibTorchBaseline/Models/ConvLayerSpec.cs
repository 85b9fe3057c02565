using TorchSharp;
using static TorchSharp.torch;

namespace NativeGan.LibTorchBaseline.Models;

/// <summary>
/// One square convolution layer of the DCGAN without bias: a Conv2d, or a ConvTranspose2d
/// when <paramref name="Transposed"/> is set.
/// </summary>
/// <param name="Name">Layer name used in figure names, for example <c>d_conv2</c>.</param>
/// <param name="Transposed">True for ConvTranspose2d.</param>
/// <param name="InChannels">Input channels C_in.</param>
/// <param name="OutChannels">Output channels C_out.</param>
/// <param name="Kernel">Kernel height and width.</param>
/// <param name="Stride">Stride in both directions.</param>
/// <param name="Padding">Zero padding on each side.</param>
/// <param name="InputSize">Input height and width.</param>
public sealed record ConvLayerSpec(
    string Name,
    bool Transposed,
    int InChannels,
    int OutChannels,
    int Kernel,
    int Stride,
    int Padding,
    int InputSize)
{
    /// <summary>Output height and width.</summary>
    public int OutputSize => Transposed
        ? (InputSize - 1) * Stride - 2 * Padding + Kernel
        : (InputSize + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>Creates the layer with libtorch's default initialization.</summary>
    public nn.Module<Tensor, Tensor> CreateModule() => Transposed
        ? nn.ConvTranspose2d(InChannels, OutChannels, Kernel, Stride, Padding, bias: false)
        : nn.Conv2d(InChannels, OutChannels, Kernel, Stride, Padding, bias: false);
}
