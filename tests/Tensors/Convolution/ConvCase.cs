using NativeGan.Tensors.Convolution;

namespace NativeGan.Tensors.Tests.Convolution;

/// <summary>
/// One convolution test case: the layer's hyperparameters and the input size. For a
/// ConvTranspose2d, InChannels and OutChannels are the layer's own (weight (Cin, Cout, kh, kw)).
/// </summary>
public sealed record ConvCase(
    string Name, int Batch, int InChannels, int Height, int Width, int OutChannels,
    Size2d Kernel, Size2d Stride, Size2d Padding, Size2d Dilation, Size2d OutputPadding)
{
    /// <summary>Creates a case without output padding.</summary>
    public ConvCase(
        string name, int batch, int inChannels, int height, int width, int outChannels,
        Size2d kernel, Size2d stride, Size2d padding, Size2d dilation)
        : this(name, batch, inChannels, height, width, outChannels, kernel, stride, padding,
            dilation, 0)
    {
    }

    /// <summary>Conv2d output size, floor((H + 2p - d (k - 1) - 1) / s) + 1, per axis.</summary>
    public (int Height, int Width) ConvOutput => (
        (int)Math.Floor((Height + 2.0 * Padding.Height - Dilation.Height * (Kernel.Height - 1) - 1)
            / Stride.Height) + 1,
        (int)Math.Floor((Width + 2.0 * Padding.Width - Dilation.Width * (Kernel.Width - 1) - 1)
            / Stride.Width) + 1);

    /// <summary>ConvTranspose2d output size, (H - 1) s - 2p + d (k - 1) + op + 1.</summary>
    public (int Height, int Width) TransposedOutput => (
        (Height - 1) * Stride.Height - 2 * Padding.Height + Dilation.Height * (Kernel.Height - 1) +
            OutputPadding.Height + 1,
        (Width - 1) * Stride.Width - 2 * Padding.Width + Dilation.Width * (Kernel.Width - 1) +
            OutputPadding.Width + 1);

    /// <summary>Shape of the input, (N, Cin, H, W).</summary>
    public int[] InputShape => [Batch, InChannels, Height, Width];

    /// <inheritdoc />
    public override string ToString() => Name;
}
