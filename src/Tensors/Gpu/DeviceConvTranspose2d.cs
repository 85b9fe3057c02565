using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Normalization;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// ConvTranspose2d in NCHW layout, groups = 1, on a device with PyTorch's semantics: the
/// adjoint of a Conv2d, so its forward pass is that Conv2d's input gradient, its input
/// gradient is that Conv2d's forward pass, and both run on the <see cref="DeviceConv2d"/>
/// kernels.
/// </summary>
/// <remarks>
/// The geometry g comes from <see cref="Conv2dGeometry.ForConvTranspose2d"/>: the
/// transposed convolution's input x has g's output shape (N, Cin, H, W), its output y has
/// g's input shape (N, Cout, H', W'), and its weight (Cin, Cout, kh, kw) is g's weight
/// shape. Outputs are overwritten.
/// </remarks>
public static class DeviceConvTranspose2d
{
    /// <summary>Computes y = conv_transpose2d(x, weight) + bias.</summary>
    /// <param name="g">Geometry from <see cref="Conv2dGeometry.ForConvTranspose2d"/>.</param>
    /// <param name="x">Input (N, Cin, H, W): g's output shape.</param>
    /// <param name="weight">Weight (Cin, Cout, kh, kw).</param>
    /// <param name="bias">Bias (Cout), or null for none.</param>
    /// <param name="y">Output (N, Cout, H', W'): g's input shape, overwritten.</param>
    /// <exception cref="ArgumentException">
    /// A shape does not match g, or the devices differ.
    /// </exception>
    public static void Forward(
        in Conv2dGeometry g, DeviceTensor x, DeviceTensor weight, DeviceTensor? bias,
        DeviceTensor y)
    {
        const string Op = "ConvTranspose2d " + nameof(Forward);
        if (bias is not null)
        {
            DeviceCheck.SameDevice(Op, x, nameof(x), bias, nameof(bias));
            DeviceCheck.HasShape(Op, bias, nameof(bias), new Shape(g.InChannels));
        }

        DeviceConv2d.BackwardInput(g, x, weight, y);
        if (bias is not null)
        {
            DeviceElementwise.AddViews(y.Device, y.View, bias.View, y.View,
                new BroadcastLayout(g.InChannels, g.InPlaneSize));
        }
    }

    /// <summary>Computes dX, the gradient of the loss with respect to the input.</summary>
    /// <param name="g">Geometry of the forward pass.</param>
    /// <param name="dY">Gradient with respect to the output, (N, Cout, H', W').</param>
    /// <param name="weight">Weight (Cin, Cout, kh, kw).</param>
    /// <param name="dX">Input gradient (N, Cin, H, W), overwritten.</param>
    /// <exception cref="ArgumentException">
    /// A shape does not match g, or the devices differ.
    /// </exception>
    public static void BackwardInput(
        in Conv2dGeometry g, DeviceTensor dY, DeviceTensor weight, DeviceTensor dX) =>
        DeviceConv2d.Forward(g, dY, weight, null, dX);

    /// <summary>Computes dW, the gradient of the loss with respect to the weight.</summary>
    /// <param name="g">Geometry of the forward pass.</param>
    /// <param name="x">Input of the forward pass, (N, Cin, H, W).</param>
    /// <param name="dY">Gradient with respect to the output, (N, Cout, H', W').</param>
    /// <param name="dWeight">Weight gradient (Cin, Cout, kh, kw), overwritten.</param>
    /// <exception cref="ArgumentException">
    /// A shape does not match g, or the devices differ.
    /// </exception>
    public static void BackwardWeight(
        in Conv2dGeometry g, DeviceTensor x, DeviceTensor dY, DeviceTensor dWeight) =>
        DeviceConv2d.BackwardWeight(g, dY, x, dWeight);

    /// <summary>Computes dBias[c], the sum of dY over samples and pixels of channel c.</summary>
    /// <param name="g">Geometry of the forward pass.</param>
    /// <param name="dY">Gradient with respect to the output, (N, Cout, H', W').</param>
    /// <param name="dBias">Bias gradient (Cout), overwritten.</param>
    /// <exception cref="ArgumentException">
    /// A shape does not match g, or the devices differ.
    /// </exception>
    public static void BackwardBias(in Conv2dGeometry g, DeviceTensor dY, DeviceTensor dBias)
    {
        const string Op = "ConvTranspose2d " + nameof(BackwardBias);
        DeviceCheck.SameDevice(Op, dY, nameof(dY), dBias, nameof(dBias));
        DeviceCheck.HasShape(Op, dY, nameof(dY), g.InputShape);
        DeviceCheck.HasShape(Op, dBias, nameof(dBias), new Shape(g.InChannels));
        DeviceReductions.LaunchChannelSums(dY.Device, dY.View,
            new BatchNormLayout(g.Batch, g.InChannels, g.InPlaneSize), dBias.View, 1f);
    }
}
