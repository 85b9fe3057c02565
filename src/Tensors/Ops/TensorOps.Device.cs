using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Normalization;

namespace NativeGan.Tensors;

// The device halves of the ops: each public op calls these when its inputs live on a
// device. Ops without a device kernel fail in Tensor.Data with a message that states this.
public static partial class TensorOps
{
    /// <summary>
    /// Returns whether the operands live on a device, after checking that they all live on
    /// the same one.
    /// </summary>
    /// <exception cref="ArgumentException">The operands live on different devices.</exception>
    public static bool OnDevice(string op, params ReadOnlySpan<Tensor> operands)
    {
        Tensor first = operands[0];
        for (int i = 1; i < operands.Length; i++)
        {
            Tensor other = operands[i];
            if (other.IsOnDevice != first.IsOnDevice ||
                (first.IsOnDevice && !ReferenceEquals(other.Device, first.Device)))
            {
                throw new ArgumentException(
                    $"{op}: an operand of shape {first.Shape} is on {first.Device.Name} and " +
                    $"one of shape {other.Shape} on {other.Device.Name}, but all operands must " +
                    "be on one device. Copy one with Tensor.To(device) first.");
            }
        }

        return first.IsOnDevice;
    }

    private static void DeviceBinary(BinaryOp op, Tensor a, Tensor b, Tensor result)
    {
        DeviceTensor target = result.DeviceStorage;
        Tensor full = a.Shape == result.Shape ? a : b;
        Tensor other = ReferenceEquals(full, a) ? b : a;
        if (full.Shape != result.Shape ||
            !BroadcastLayout.TryFor(result.Shape, other.Shape, out _))
        {
            throw new NotSupportedException(
                $"{op} of shapes {a.Shape} and {b.Shape} on a device: the kernels need one " +
                "operand in the result's shape and the other a scalar, a row vector, a " +
                "per-channel shape such as (C, 1, 1) or the same shape. Add the operand to " +
                "Tensor.Zeros(device, shape) to give it the result's shape first, or compute " +
                "on the CPU.");
        }

        if (a.Shape == result.Shape)
        {
            DeviceBinaryInOrder(op, a.DeviceStorage, b.DeviceStorage, target);
            return;
        }

        // b has the full shape and a broadcasts: swap the operands of the commutative ops,
        // and compute a - b as -(b - a).
        switch (op)
        {
            case BinaryOp.Add:
                DeviceElementwise.Add(b.DeviceStorage, a.DeviceStorage, target);
                break;
            case BinaryOp.Multiply:
                DeviceElementwise.Multiply(b.DeviceStorage, a.DeviceStorage, target);
                break;
            case BinaryOp.Subtract:
                DeviceElementwise.Subtract(b.DeviceStorage, a.DeviceStorage, target);
                DeviceElementwise.Scale(target, -1f, target);
                break;
            default:
                throw new NotSupportedException(
                    $"{op} on a device needs the first operand in the result's shape " +
                    $"{result.Shape}, but it has shape {a.Shape}. Add it to " +
                    "Tensor.Zeros(device, shape) to give it that shape first, or compute on " +
                    "the CPU.");
        }
    }

    private static void DeviceBinaryInOrder(
        BinaryOp op, DeviceTensor a, DeviceTensor b, DeviceTensor result)
    {
        switch (op)
        {
            case BinaryOp.Add:
                DeviceElementwise.Add(a, b, result);
                break;
            case BinaryOp.Subtract:
                DeviceElementwise.Subtract(a, b, result);
                break;
            case BinaryOp.Multiply:
                DeviceElementwise.Multiply(a, b, result);
                break;
            default:
                DeviceElementwise.Divide(a, b, result);
                break;
        }
    }

    // The kernel writes every element of the result, so it needs no memset.
    private static Tensor DeviceMap(Tensor x, Action<DeviceTensor, DeviceTensor> kernel)
    {
        var result = Tensor.Uninitialized(x.Device, x.Shape);
        kernel(x.DeviceStorage, result.DeviceStorage);
        return result;
    }

    private static Tensor DeviceWhole(Tensor x, bool mean)
    {
        var result = Tensor.Zeros(x.Device, new Shape());
        if (mean)
        {
            DeviceReductions.Mean(x.DeviceStorage, result.DeviceStorage);
        }
        else
        {
            DeviceReductions.Sum(x.DeviceStorage, result.DeviceStorage);
        }

        return result;
    }

    // A sum over one axis keeps the axes before it (outer) and after it (inner). The device
    // reduces per channel, so it covers the first axis (outer 1) and the last (inner 1).
    private static Tensor DeviceSumAxis(Tensor x, int axis, int[] keptDims, int outer, int inner)
    {
        int size = x.Shape[axis];
        BatchNormLayout layout;
        if (outer == 1)
        {
            layout = new BatchNormLayout(size, inner, 1);
        }
        else if (inner == 1)
        {
            layout = new BatchNormLayout(1, outer, size);
        }
        else
        {
            throw new NotSupportedException(
                $"Sum over axis {axis} of {x.Shape} on a device: only the first or the last " +
                "axis can be reduced there. Reshape the tensor first, or sum on the CPU.");
        }

        var result = Tensor.Zeros(x.Device, new Shape(keptDims));
        DeviceReductions.ChannelSums(x.DeviceStorage, layout, result.DeviceStorage);
        return result;
    }

    // The target broadcasts onto x with a period and an inner run, so every element of the
    // target is the sum of the elements of x that share its index: a per-channel sum.
    private static Tensor DeviceSumTo(Tensor x, Shape target)
    {
        var result = Tensor.Zeros(x.Device, target);
        if (result.Length == 1)
        {
            DeviceReductions.Sum(x.DeviceStorage, result.DeviceStorage);
            return result;
        }

        if (!BroadcastLayout.TryFor(x.Shape, target, out BroadcastLayout broadcast))
        {
            throw new NotSupportedException(
                $"SumTo from {x.Shape} to {target} on a device: the kernels sum to a scalar, " +
                "a row vector, a per-channel shape such as (C, 1, 1) or the same shape. Sum " +
                "on the CPU instead.");
        }

        int batch = x.Length / (broadcast.Period * broadcast.Inner);
        var layout = new BatchNormLayout(batch, broadcast.Period, broadcast.Inner);
        DeviceReductions.ChannelSums(x.DeviceStorage, layout, result.DeviceStorage);
        return result;
    }

    private static double DeviceSumOfSquares(Tensor x)
    {
        DeviceTensor values = x.DeviceStorage;
        using var squares = DeviceTensor.Zeros(x.Device, x.Shape);
        using var sum = DeviceTensor.Zeros(x.Device, new Shape());
        DeviceElementwise.Multiply(values, values, squares);
        DeviceReductions.Sum(squares, sum);
        return sum.ToHost().Data[0];
    }
}
