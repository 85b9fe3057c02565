using NativeGan.Autodiff;
using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Pooling;

namespace NativeGan.Nn;

/// <summary>
/// 2-D max pooling, as torch.nn.MaxPool2d. input: (N, C, H, W); output: (N, C, OH, OW)
/// with OH = floor((H + 2 padding - dilation (kernel - 1) - 1) / stride) + 1 (rounded up
/// in ceil mode), and OW likewise. Padding counts as -infinity.
/// </summary>
public sealed class MaxPool2d : Module
{
    /// <summary>Creates the layer; an int argument applies to both axes.</summary>
    /// <param name="kernelSize">Window size (kh, kw), in pixels.</param>
    /// <param name="stride">Step between windows; null for the kernel size.</param>
    /// <param name="padding">Padding on each side; at most half the kernel size.</param>
    /// <param name="dilation">Distance between window taps; null for 1.</param>
    /// <param name="ceilMode">Whether the output size rounds up instead of down.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public MaxPool2d(
        Size2d kernelSize, Size2d? stride = null, Size2d padding = default,
        Size2d? dilation = null, bool ceilMode = false)
    {
        Options = new Pool2dOptions(kernelSize, stride, padding, dilation, ceilMode);
    }

    /// <summary>Window of the pooling.</summary>
    public Pool2dOptions Options { get; }

    /// <inheritdoc />
    public override Variable Forward(Variable input) => Functions.MaxPool2d(input, Options);

    /// <inheritdoc />
    public override string ToString() => $"MaxPool2d({Options})";
}
