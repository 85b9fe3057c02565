using NativeGan.Autodiff;
using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Pooling;

namespace NativeGan.Nn;

/// <summary>
/// 2-D average pooling, as torch.nn.AvgPool2d. input: (N, C, H, W); output:
/// (N, C, OH, OW) with OH = floor((H + 2 padding - kernel) / stride) + 1 (rounded up in
/// ceil mode), and OW likewise.
/// </summary>
public sealed class AvgPool2d : Module
{
    /// <summary>Creates the layer; an int argument applies to both axes.</summary>
    /// <param name="kernelSize">Window size (kh, kw), in pixels.</param>
    /// <param name="stride">Step between windows; null for the kernel size.</param>
    /// <param name="padding">Zero padding on each side; at most half the kernel size.</param>
    /// <param name="ceilMode">Whether the output size rounds up instead of down.</param>
    /// <param name="countIncludePad">
    /// Whether padded zeros count in each average (PyTorch's default); otherwise only
    /// input pixels are counted.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public AvgPool2d(
        Size2d kernelSize, Size2d? stride = null, Size2d padding = default,
        bool ceilMode = false, bool countIncludePad = true)
    {
        Options = new Pool2dOptions(kernelSize, stride, padding, ceilMode: ceilMode);
        CountIncludePad = countIncludePad;
    }

    /// <summary>Window of the pooling; its dilation is (1, 1).</summary>
    public Pool2dOptions Options { get; }

    /// <summary>Whether padded zeros count in each average.</summary>
    public bool CountIncludePad { get; }

    /// <inheritdoc />
    public override Variable Forward(Variable input) =>
        Functions.AvgPool2d(input, Options, CountIncludePad);

    /// <inheritdoc />
    public override string ToString() =>
        $"AvgPool2d(kernel_size={Options.KernelSize}, stride={Options.Stride}, " +
        $"padding={Options.Padding}, ceil_mode={(Options.CeilMode ? "true" : "false")}, " +
        $"count_include_pad={(CountIncludePad ? "true" : "false")})";
}
