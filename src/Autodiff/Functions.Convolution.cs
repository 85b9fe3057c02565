using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Autodiff;

public static partial class Functions
{
    /// <summary>
    /// Returns the 2-D convolution of x with weight plus bias, as torch.nn.functional.conv2d
    /// with groups = 1. x: (N, Cin, H, W); weight: (Cout, Cin, kh, kw); bias: (Cout) or null;
    /// result: (N, Cout, OH, OW) with OH = floor((H + 2 ph - dh (kh - 1) - 1) / sh) + 1.
    /// Backward: dX is the transposed convolution of dY, dW the correlation of x with dY,
    /// dB the sum of dY over samples and pixels.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The shapes do not match, or the dilated kernel is larger than the padded input.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A stride or dilation is below 1 or a padding is negative.
    /// </exception>
    public static Variable Conv2d(
        Variable x, Variable weight, Variable? bias, Size2d stride, Size2d padding,
        Size2d dilation)
    {
        Conv2dGeometry g = Conv2dGeometry.ForConv2d(
            x.Shape, weight.Shape, stride, padding, dilation);
        CheckBias("Conv2d", bias, weight, g.OutChannels);
        bool onDevice = OnDevice("Conv2d", x, weight, bias);
        var y = Tensor.Zeros(x.Value.Device, g.OutputShape);
        if (onDevice)
        {
            DeviceConv2d.Forward(
                g, x.Value.DeviceStorage, weight.Value.DeviceStorage,
                bias?.Value.DeviceStorage, y.DeviceStorage);
        }
        else
        {
            Conv2dKernels.Forward(g, x.Value.Data, weight.Value.Data, bias?.Value.Data, y.Data);
        }

        Variable[] parents = bias is null ? [x, weight] : [x, weight, bias];
        return Variable.FromOperation(y, parents, dY =>
        {
            if (onDevice)
            {
                return Conv2dBackwardOnDevice(g, x, weight, bias, dY);
            }

            Tensor? dX = null;
            if (x.RequiresGrad)
            {
                dX = new Tensor(g.InputShape);
                Conv2dKernels.BackwardInput(g, dY.Data, weight.Value.Data, dX.Data);
            }

            Tensor? dW = null;
            if (weight.RequiresGrad)
            {
                dW = new Tensor(g.WeightShape);
                Conv2dKernels.BackwardWeight(g, x.Value.Data, dY.Data, dW.Data);
            }

            if (bias is null)
            {
                return [dX, dW];
            }

            Tensor? dB = null;
            if (bias.RequiresGrad)
            {
                dB = new Tensor(g.OutChannels);
                Conv2dKernels.BackwardBias(g, dY.Data, dB.Data);
            }

            return [dX, dW, dB];
        });
    }

    /// <summary>
    /// Returns the 2-D transposed convolution of x with weight plus bias, as
    /// torch.nn.functional.conv_transpose2d with groups = 1: the input gradient of the
    /// Conv2d with the same weight and hyperparameters. x: (N, Cin, H, W); weight:
    /// (Cin, Cout, kh, kw); bias: (Cout) or null; result: (N, Cout, H', W') with
    /// H' = (H - 1) sh - 2 ph + dh (kh - 1) + outputPadding + 1. Backward: dX is the
    /// convolution of dY, dW the correlation of dY with x, dB the sum of dY.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The shapes do not match, or the output would be empty.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A stride or dilation is below 1, a padding is negative, or an output padding is not
    /// smaller than either the stride or the dilation of its axis.
    /// </exception>
    public static Variable ConvTranspose2d(
        Variable x, Variable weight, Variable? bias, Size2d stride, Size2d padding,
        Size2d outputPadding, Size2d dilation)
    {
        Conv2dGeometry g = Conv2dGeometry.ForConvTranspose2d(
            x.Shape, weight.Shape, stride, padding, outputPadding, dilation);
        CheckBias("ConvTranspose2d", bias, weight, g.InChannels);
        bool onDevice = OnDevice("ConvTranspose2d", x, weight, bias);
        var y = Tensor.Zeros(x.Value.Device, g.InputShape);
        if (onDevice)
        {
            DeviceConvTranspose2d.Forward(
                g, x.Value.DeviceStorage, weight.Value.DeviceStorage,
                bias?.Value.DeviceStorage, y.DeviceStorage);
        }
        else
        {
            ConvTranspose2dKernels.Forward(
                g, x.Value.Data, weight.Value.Data, bias?.Value.Data, y.Data);
        }

        Variable[] parents = bias is null ? [x, weight] : [x, weight, bias];
        return Variable.FromOperation(y, parents, dY =>
        {
            if (onDevice)
            {
                return ConvTranspose2dBackwardOnDevice(g, x, weight, bias, dY);
            }

            Tensor? dX = x.RequiresGrad ? new Tensor(g.OutputShape) : null;
            Tensor? dW = weight.RequiresGrad ? new Tensor(g.WeightShape) : null;
            ConvTranspose2dKernels.Backward(
                g, x.Value.Data, weight.Value.Data, dY.Data, dX?.Data, dW?.Data);
            if (bias is null)
            {
                return [dX, dW];
            }

            Tensor? dB = null;
            if (bias.RequiresGrad)
            {
                dB = new Tensor(g.InChannels);
                ConvTranspose2dKernels.BackwardBias(g, dY.Data, dB.Data);
            }

            return [dX, dW, dB];
        });
    }

    private static void CheckBias(string op, Variable? bias, Variable weight, int channels)
    {
        if (bias is not null && (bias.Value.Rank != 1 || bias.Shape[0] != channels))
        {
            throw new ArgumentException(
                $"{op}: bias has shape {bias.Shape} but weight {weight.Shape} needs " +
                $"({channels},), one value per output channel.");
        }
    }
}
