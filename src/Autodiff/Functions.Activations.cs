using System.Numerics.Tensors;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;
using Tensor = NativeGan.Tensors.Tensor;

namespace NativeGan.Autodiff;

public static partial class Functions
{
    /// <summary>Returns max(x, 0). The gradient at exactly 0 is 0, as in PyTorch.</summary>
    public static Variable Relu(Variable x)
    {
        // max(x, 0) rather than leaky ReLU with slope 0, which would give 0 * -inf = NaN.
        Tensor y = TensorOps.Relu(x.Value);
        return Variable.FromOperation(y, [x], dY =>
        {
            var dX = Tensor.ZerosLike(x.Value);
            if (TensorOps.OnDevice(nameof(Relu), x.Value, dY))
            {
                DeviceActivations.ReluBackward(
                    x.Value.DeviceStorage, dY.DeviceStorage, dX.DeviceStorage);
            }
            else
            {
                ActivationKernels.ReluBackward(x.Value.Data, dY.Data, dX.Data);
            }

            return [dX];
        });
    }

    /// <summary>Returns x for x > 0, else slope * x.</summary>
    public static Variable LeakyRelu(Variable x, float slope)
    {
        Tensor y = TensorOps.LeakyRelu(x.Value, slope);
        return Variable.FromOperation(y, [x], dY =>
        {
            var dX = Tensor.ZerosLike(x.Value);
            if (TensorOps.OnDevice(nameof(LeakyRelu), x.Value, dY))
            {
                DeviceActivations.LeakyReluBackward(
                    x.Value.DeviceStorage, dY.DeviceStorage, slope, dX.DeviceStorage);
            }
            else
            {
                ActivationKernels.LeakyReluBackward(x.Value.Data, dY.Data, slope, dX.Data);
            }

            return [dX];
        });
    }

    /// <summary>Returns tanh(x); dx = dy * (1 - y^2).</summary>
    public static Variable Tanh(Variable x)
    {
        Tensor y = TensorOps.Tanh(x.Value);
        return Variable.FromOperation(y, [x], dY =>
        {
            var dX = Tensor.ZerosLike(y);
            if (TensorOps.OnDevice(nameof(Tanh), y, dY))
            {
                DeviceActivations.TanhBackward(y.DeviceStorage, dY.DeviceStorage, dX.DeviceStorage);
                return [dX];
            }

            TensorPrimitives.Multiply(y.Data, y.Data, dX.Data);
            TensorPrimitives.Subtract(1f, dX.Data, dX.Data);
            TensorPrimitives.Multiply(dX.Data, dY.Data, dX.Data);
            return [dX];
        });
    }

    /// <summary>Returns 1 / (1 + e^-x); dx = dy * y * (1 - y).</summary>
    public static Variable Sigmoid(Variable x)
    {
        Tensor y = TensorOps.Sigmoid(x.Value);
        return Variable.FromOperation(y, [x], dY =>
        {
            var dX = Tensor.ZerosLike(y);
            if (TensorOps.OnDevice(nameof(Sigmoid), y, dY))
            {
                DeviceActivations.SigmoidBackward(
                    y.DeviceStorage, dY.DeviceStorage, dX.DeviceStorage);
                return [dX];
            }

            TensorPrimitives.Subtract(1f, y.Data, dX.Data);
            TensorPrimitives.Multiply(dX.Data, y.Data, dX.Data);
            TensorPrimitives.Multiply(dX.Data, dY.Data, dX.Data);
            return [dX];
        });
    }

    /// <summary>Returns e^x; dx = dy * y.</summary>
    public static Variable Exp(Variable x)
    {
        Tensor y = TensorOps.Exp(x.Value);
        return Variable.FromOperation(y, [x], dY => [TensorOps.Multiply(dY, y)]);
    }

    /// <summary>Returns ln(x); dx = dy / x.</summary>
    public static Variable Log(Variable x) =>
        Variable.FromOperation(TensorOps.Log(x.Value), [x], dY =>
            [TensorOps.Divide(dY, x.Value)]);
}
