using NativeGan.Tensors;

namespace NativeGan.Autodiff;

public static partial class Functions
{
    /// <summary>Returns the sum of all elements as a scalar.</summary>
    public static Variable Sum(Variable x) =>
        Variable.FromOperation(TensorOps.Sum(x.Value), [x], dY =>
            [BroadcastScalar(dY, x.Value, 1)]);

    /// <summary>Returns the mean of all elements as a scalar.</summary>
    public static Variable Mean(Variable x) =>
        Variable.FromOperation(TensorOps.Mean(x.Value), [x], dY =>
            [BroadcastScalar(dY, x.Value, x.Value.Length)]);

    /// <summary>Sums over one axis, like torch.sum(x, dim, keepdim).</summary>
    public static Variable Sum(Variable x, int axis, bool keepDims = false)
    {
        int normalized = x.Shape.NormalizeAxis(axis);
        return Variable.FromOperation(TensorOps.Sum(x.Value, normalized, keepDims), [x], dY =>
        {
            // Restore the reduced axis as size 1, then broadcast it back to x's shape.
            int[] keptDims = x.Shape.ToArray();
            keptDims[normalized] = 1;
            Tensor zeros = Tensor.ZerosLike(x.Value);
            return [TensorOps.Add(zeros, dY.Reshape(keptDims))];
        });
    }

    // Returns dY / divisor in every element of like's shape, without copying a device
    // gradient to the host.
    private static Tensor BroadcastScalar(Tensor dY, Tensor like, int divisor)
    {
        if (!like.IsOnDevice)
        {
            return Tensor.Full(dY.Item() / divisor, like.Shape.ToArray());
        }

        Tensor spread = TensorOps.Add(Tensor.ZerosLike(like), dY);
        return divisor == 1
            ? spread
            : TensorOps.Divide(spread, Tensor.Full(like.Device, divisor, new Shape()));
    }

    /// <summary>Returns a view of x with a new shape; one dimension may be -1.</summary>
    public static Variable Reshape(Variable x, params int[] shape) =>
        Variable.FromOperation(x.Value.Reshape(shape), [x], dY =>
            [dY.Reshape(x.Shape.ToArray())]);
}
