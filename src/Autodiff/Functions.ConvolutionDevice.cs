using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Autodiff;

// Backward passes of the convolutions on a device: the same products as on the host, run by
// the device kernels into device tensors.
public static partial class Functions
{
    private static Tensor?[] Conv2dBackwardOnDevice(
        Conv2dGeometry g, Variable x, Variable weight, Variable? bias, Tensor dY)
    {
        ComputeDevice device = x.Value.Device;
        Tensor? dX = null;
        if (x.RequiresGrad)
        {
            dX = Tensor.Zeros(device, g.InputShape);
            DeviceConv2d.BackwardInput(
                g, dY.DeviceStorage, weight.Value.DeviceStorage, dX.DeviceStorage);
        }

        Tensor? dW = null;
        if (weight.RequiresGrad)
        {
            dW = Tensor.Zeros(device, g.WeightShape);
            DeviceConv2d.BackwardWeight(
                g, x.Value.DeviceStorage, dY.DeviceStorage, dW.DeviceStorage);
        }

        if (bias is null)
        {
            return [dX, dW];
        }

        Tensor? dB = null;
        if (bias.RequiresGrad)
        {
            dB = Tensor.Zeros(device, new Shape(g.OutChannels));
            DeviceConv2d.BackwardBias(g, dY.DeviceStorage, dB.DeviceStorage);
        }

        return [dX, dW, dB];
    }

    private static Tensor?[] ConvTranspose2dBackwardOnDevice(
        Conv2dGeometry g, Variable x, Variable weight, Variable? bias, Tensor dY)
    {
        ComputeDevice device = x.Value.Device;
        Tensor? dX = null;
        if (x.RequiresGrad)
        {
            dX = Tensor.Zeros(device, g.OutputShape);
            DeviceConvTranspose2d.BackwardInput(
                g, dY.DeviceStorage, weight.Value.DeviceStorage, dX.DeviceStorage);
        }

        Tensor? dW = null;
        if (weight.RequiresGrad)
        {
            dW = Tensor.Zeros(device, g.WeightShape);
            DeviceConvTranspose2d.BackwardWeight(
                g, x.Value.DeviceStorage, dY.DeviceStorage, dW.DeviceStorage);
        }

        if (bias is null)
        {
            return [dX, dW];
        }

        Tensor? dB = null;
        if (bias.RequiresGrad)
        {
            dB = Tensor.Zeros(device, new Shape(g.InChannels));
            DeviceConvTranspose2d.BackwardBias(g, dY.DeviceStorage, dB.DeviceStorage);
        }

        return [dX, dW, dB];
    }

    // Checks that the operands of an op share one device and returns whether it is not the
    // host. A null operand (an absent bias) is skipped. Every convolution and batch norm
    // calls this on the host too, so it compares pairs instead of collecting a list.
    private static bool OnDevice(string op, params ReadOnlySpan<Variable?> operands)
    {
        Tensor first = operands[0]!.Value;
        foreach (Variable? operand in operands[1..])
        {
            if (operand is not null)
            {
                TensorOps.OnDevice(op, first, operand.Value);
            }
        }

        return first.IsOnDevice;
    }
}
