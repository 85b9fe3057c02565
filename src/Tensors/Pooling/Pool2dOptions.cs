using System.Globalization;
using NativeGan.Tensors.Convolution;

namespace NativeGan.Tensors.Pooling;

/// <summary>
/// Window of a 2-D pooling over NCHW inputs: kernel size, stride, implicit padding,
/// dilation and ceil mode, with the meanings and checks of PyTorch's MaxPool2d and
/// AvgPool2d. Validated on construction.
/// </summary>
public sealed class Pool2dOptions
{
    /// <summary>
    /// Creates and validates the window.
    /// </summary>
    /// <param name="kernelSize">Window size (kh, kw), in pixels; each at least 1.</param>
    /// <param name="stride">
    /// Step (sh, sw) between windows, in pixels; null for the kernel size.
    /// </param>
    /// <param name="padding">
    /// Implicit padding (ph, pw) on each side, in pixels; each at most half the kernel size
    /// (rounded down), as PyTorch requires. Max pooling pads with -infinity, average pooling
    /// with zeros.
    /// </param>
    /// <param name="dilation">Distance (dh, dw) between window taps; null for (1, 1).</param>
    /// <param name="ceilMode">
    /// Whether the output size rounds up instead of down, keeping a last partial window
    /// that starts inside the input or its left padding.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public Pool2dOptions(
        Size2d kernelSize, Size2d? stride = null, Size2d padding = default,
        Size2d? dilation = null, bool ceilMode = false)
    {
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        Dilation = dilation ?? new Size2d(1, 1);
        CeilMode = ceilMode;
        RequirePositive(KernelSize, "kernel size", nameof(kernelSize));
        RequirePositive(Stride, "stride", nameof(stride));
        RequirePositive(Dilation, "dilation", nameof(dilation));
        if (padding.Height < 0 || padding.Width < 0 ||
            padding.Height > kernelSize.Height / 2 || padding.Width > kernelSize.Width / 2)
        {
            var half = new Size2d(kernelSize.Height / 2, kernelSize.Width / 2);
            throw new ArgumentOutOfRangeException(
                nameof(padding), padding,
                $"Pooling padding {padding} is invalid for kernel size {kernelSize}: each " +
                $"value must be between 0 and half the kernel size, here at most {half}. " +
                "Use a larger kernel or less padding.");
        }
    }

    /// <summary>Window size (kh, kw), in pixels.</summary>
    public Size2d KernelSize { get; }

    /// <summary>Step (sh, sw) between windows, in pixels.</summary>
    public Size2d Stride { get; }

    /// <summary>Implicit padding (ph, pw) on each side, in pixels.</summary>
    public Size2d Padding { get; }

    /// <summary>Distance (dh, dw) between window taps, in pixels; (1, 1) when dense.</summary>
    public Size2d Dilation { get; }

    /// <summary>Whether the output size rounds up instead of down.</summary>
    public bool CeilMode { get; }

    /// <summary>
    /// Computes the output size along one axis as PyTorch does:
    /// floor((input + 2 padding - dilation (kernel - 1) - 1) / stride) + 1. Ceil mode rounds
    /// up instead, but drops a last window that would start in the right padding. The
    /// result is 0 or negative when the window does not fit.
    /// </summary>
    public static long OutputSize(
        int inputSize, int kernelSize, int stride, int padding, int dilation, bool ceilMode)
    {
        long span = (long)inputSize + 2L * padding - (long)dilation * (kernelSize - 1) - 1;
        long numerator = span + (ceilMode ? stride - 1 : 0);
        long size = FloorDivide(numerator, stride) + 1;
        if (ceilMode && (size - 1) * stride >= (long)inputSize + padding)
        {
            size--;
        }

        return size;
    }

    /// <summary>Describes the window in PyTorch's argument names.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}, " +
        $"dilation={Dilation}, ceil_mode={(CeilMode ? "true" : "false")}");

    private static long FloorDivide(long numerator, long divisor)
    {
        long quotient = numerator / divisor;
        return numerator % divisor != 0 && numerator < 0 ? quotient - 1 : quotient;
    }

    private static void RequirePositive(Size2d value, string quantity, string name)
    {
        if (value.Height < 1 || value.Width < 1)
        {
            throw new ArgumentOutOfRangeException(
                name, value,
                $"Pooling {quantity} {value} is invalid: each value must be at least 1.");
        }
    }
}
