using NativeGan.Autodiff;
using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;

namespace NativeGan.Nn;

/// <summary>
/// 2-D convolution layer, as torch.nn.Conv2d with groups = 1. input: (N, inChannels, H, W);
/// output: (N, outChannels, OH, OW) with OH = floor((H + 2 ph - dh (kh - 1) - 1) / sh) + 1.
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>
    /// Creates the layer with PyTorch's default initialization: weight and bias from
    /// U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with fanIn = inChannels kh kw.
    /// </summary>
    /// <param name="inChannels">Channels of the input, at least 1.</param>
    /// <param name="outChannels">Channels of the output, at least 1.</param>
    /// <param name="kernelSize">Kernel size (kh, kw), or one value for a square kernel.</param>
    /// <param name="rng">Generator of the initial weights.</param>
    /// <param name="stride">Stride (sh, sw); (1, 1) when null.</param>
    /// <param name="padding">Zero padding (ph, pw) on each side; (0, 0) by default.</param>
    /// <param name="dilation">Distance (dh, dw) between kernel taps; (1, 1) when null.</param>
    /// <param name="bias">Whether the layer adds a learned bias per output channel.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A channel count, kernel size, stride or dilation is below 1, or a padding is negative.
    /// </exception>
    public Conv2d(
        int inChannels, int outChannels, Size2d kernelSize, Rng rng, Size2d? stride = null,
        Size2d padding = default, Size2d? dilation = null, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        Stride = stride ?? 1;
        Dilation = dilation ?? 1;
        ConvArguments.Validate(nameof(Conv2d), kernelSize, Stride, padding, Dilation);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Padding = padding;

        var weight = new Tensor(outChannels, inChannels, kernelSize.Height, kernelSize.Width);
        Tensor? biasValues = bias ? new Tensor(outChannels) : null;
        ConvLayerInit.Reset(weight, biasValues, rng);
        Weight = RegisterParameter("weight", weight);
        if (biasValues is not null)
        {
            Bias = RegisterParameter("bias", biasValues);
        }
    }

    /// <summary>Channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>Channels of the output.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel size (kh, kw).</summary>
    public Size2d KernelSize { get; }

    /// <summary>Stride (sh, sw).</summary>
    public Size2d Stride { get; }

    /// <summary>Zero padding (ph, pw) on each side of the input.</summary>
    public Size2d Padding { get; }

    /// <summary>Distance (dh, dw) between kernel taps.</summary>
    public Size2d Dilation { get; }

    /// <summary>Weight of shape (outChannels, inChannels, kh, kw).</summary>
    public Variable Weight { get; }

    /// <summary>Bias of shape (outChannels), or null when the layer has none.</summary>
    public Variable? Bias { get; }

    /// <summary>
    /// Computes the output height and width for an input of <paramref name="inputSize"/>
    /// (H, W) pixels; a value is 0 when the dilated kernel does not fit the padded input.
    /// </summary>
    public Size2d OutputSize(Size2d inputSize) => new(
        Conv2dGeometry.OutputSize(inputSize.Height, KernelSize.Height, Stride.Height,
            Padding.Height, Dilation.Height),
        Conv2dGeometry.OutputSize(inputSize.Width, KernelSize.Width, Stride.Width,
            Padding.Width, Dilation.Width));

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// The input is not (N, inChannels, H, W), or the dilated kernel is larger than the
    /// padded input.
    /// </exception>
    public override Variable Forward(Variable input) =>
        Functions.Conv2d(input, Weight, Bias, Stride, Padding, Dilation);

    /// <summary>Describes the layer in PyTorch's format.</summary>
    public override string ToString() =>
        $"Conv2d({InChannels}, {OutChannels}, kernel_size={KernelSize}, stride={Stride}, " +
        $"padding={Padding}, dilation={Dilation}, bias={(Bias is not null ? "true" : "false")})";
}
