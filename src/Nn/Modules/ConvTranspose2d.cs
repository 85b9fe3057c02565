using NativeGan.Autodiff;
using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;

namespace NativeGan.Nn;

/// <summary>
/// 2-D transposed convolution layer, as torch.nn.ConvTranspose2d with groups = 1: the
/// adjoint of the Conv2d with the same hyperparameters. input: (N, inChannels, H, W);
/// output: (N, outChannels, H', W') with
/// H' = (H - 1) sh - 2 ph + dh (kh - 1) + outputPadding + 1.
/// </summary>
public sealed class ConvTranspose2d : Module
{
    /// <summary>
    /// Creates the layer with PyTorch's default initialization: weight and bias from
    /// U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with fanIn = outChannels kh kw, which is how
    /// PyTorch counts the fan of a (inChannels, outChannels, kh, kw) weight.
    /// </summary>
    /// <param name="inChannels">Channels of the input, at least 1.</param>
    /// <param name="outChannels">Channels of the output, at least 1.</param>
    /// <param name="kernelSize">Kernel size (kh, kw), or one value for a square kernel.</param>
    /// <param name="rng">Generator of the initial weights.</param>
    /// <param name="stride">Stride (sh, sw); (1, 1) when null.</param>
    /// <param name="padding">
    /// Padding (ph, pw) of the matching Conv2d, which removes ph rows and pw columns from
    /// each side of the output; (0, 0) by default.
    /// </param>
    /// <param name="outputPadding">
    /// Rows and columns (oph, opw) added to one side of the output. They pick among the
    /// sizes that a strided Conv2d maps to the same input size, so each must be smaller
    /// than either the stride or the dilation of its axis. (0, 0) by default.
    /// </param>
    /// <param name="dilation">Distance (dh, dw) between kernel taps; (1, 1) when null.</param>
    /// <param name="bias">Whether the layer adds a learned bias per output channel.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A channel count, kernel size, stride or dilation is below 1, a padding is negative,
    /// or an output padding is out of range.
    /// </exception>
    public ConvTranspose2d(
        int inChannels, int outChannels, Size2d kernelSize, Rng rng, Size2d? stride = null,
        Size2d padding = default, Size2d outputPadding = default, Size2d? dilation = null,
        bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        Stride = stride ?? 1;
        Dilation = dilation ?? 1;
        const string op = nameof(ConvTranspose2d);
        ConvArguments.Validate(op, kernelSize, Stride, padding, Dilation);
        ConvArguments.ValidateOutputPadding(op, outputPadding, Stride, Dilation);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Padding = padding;
        OutputPadding = outputPadding;

        var weight = new Tensor(inChannels, outChannels, kernelSize.Height, kernelSize.Width);
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

    /// <summary>Padding (ph, pw) of the matching Conv2d.</summary>
    public Size2d Padding { get; }

    /// <summary>Rows and columns (oph, opw) added to one side of the output.</summary>
    public Size2d OutputPadding { get; }

    /// <summary>Distance (dh, dw) between kernel taps.</summary>
    public Size2d Dilation { get; }

    /// <summary>Weight of shape (inChannels, outChannels, kh, kw), as in PyTorch.</summary>
    public Variable Weight { get; }

    /// <summary>Bias of shape (outChannels), or null when the layer has none.</summary>
    public Variable? Bias { get; }

    /// <summary>
    /// Computes the output height and width for an input of <paramref name="inputSize"/>
    /// (H, W) pixels; a value is 0 or negative when the padding removes the whole output.
    /// </summary>
    public Size2d OutputSize(Size2d inputSize) => new(
        Conv2dGeometry.TransposedOutputSize(inputSize.Height, KernelSize.Height, Stride.Height,
            Padding.Height, OutputPadding.Height, Dilation.Height),
        Conv2dGeometry.TransposedOutputSize(inputSize.Width, KernelSize.Width, Stride.Width,
            Padding.Width, OutputPadding.Width, Dilation.Width));

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// The input is not (N, inChannels, H, W), or the output would be empty.
    /// </exception>
    public override Variable Forward(Variable input) =>
        Functions.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Dilation);

    /// <summary>Describes the layer in PyTorch's format.</summary>
    public override string ToString() =>
        $"ConvTranspose2d({InChannels}, {OutChannels}, kernel_size={KernelSize}, " +
        $"stride={Stride}, padding={Padding}, output_padding={OutputPadding}, " +
        $"dilation={Dilation}, bias={(Bias is not null ? "true" : "false")})";
}
