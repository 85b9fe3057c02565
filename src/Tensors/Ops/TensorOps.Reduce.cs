using System.Numerics.Tensors;

namespace NativeGan.Tensors;

public static partial class TensorOps
{
    /// <summary>Returns the sum of all elements as a rank-0 tensor.</summary>
    public static Tensor Sum(Tensor x) => x.IsOnDevice
        ? DeviceWhole(x, mean: false)
        : Tensor.Scalar(TensorPrimitives.Sum(x.Data));

    /// <summary>Returns the mean of all elements as a rank-0 tensor; NaN for no elements.</summary>
    public static Tensor Mean(Tensor x) => x.IsOnDevice
        ? DeviceWhole(x, mean: true)
        : Tensor.Scalar(x.Length == 0 ? float.NaN : TensorPrimitives.Sum(x.Data) / x.Length);

    /// <summary>
    /// Sums <paramref name="x"/> over <paramref name="axis"/>. With keepDims the axis stays
    /// as size 1, as in PyTorch's sum(dim, keepdim=True).
    /// </summary>
    public static Tensor Sum(Tensor x, int axis, bool keepDims = false)
    {
        int normalized = x.Shape.NormalizeAxis(axis);
        int[] dims = x.Shape.ToArray();
        int outer = 1;
        for (int i = 0; i < normalized; i++)
        {
            outer *= dims[i];
        }

        int size = dims[normalized];
        int inner = x.Length / Math.Max(outer * size, 1);
        dims[normalized] = 1;
        if (x.IsOnDevice)
        {
            Tensor reduced = DeviceSumAxis(x, normalized, dims, outer, inner);
            return keepDims
                ? reduced
                : reduced.Reshape(dims.Where((_, i) => i != normalized).ToArray());
        }

        var result = new Tensor(dims);
        for (int o = 0; o < outer; o++)
        {
            Span<float> target = result.Data.AsSpan(o * inner, inner);
            for (int s = 0; s < size; s++)
            {
                TensorPrimitives.Add(target, x.Data.AsSpan((o * size + s) * inner, inner), target);
            }
        }

        if (keepDims)
        {
            return result;
        }

        return result.Reshape(dims.Where((_, i) => i != normalized).ToArray());
    }

    /// <summary>
    /// Sums <paramref name="x"/> down to <paramref name="target"/>, the inverse of
    /// broadcasting <paramref name="target"/> to x's shape. Used for the gradient of a
    /// broadcast operand.
    /// </summary>
    public static Tensor SumTo(Tensor x, Shape target)
    {
        if (x.Shape == target)
        {
            return x;
        }

        Shape broadcast = Broadcast.Shapes(x.Shape, target, nameof(SumTo));
        if (broadcast != x.Shape)
        {
            throw new ArgumentException(
                $"SumTo: shape {target} does not broadcast to {x.Shape}.");
        }

        if (x.IsOnDevice)
        {
            return DeviceSumTo(x, target);
        }

        var result = new Tensor(target);
        if (result.Length == 1)
        {
            result.Data[0] = TensorPrimitives.Sum(x.Data);
            return result;
        }

        int rank = x.Rank;
        int[] strides = Broadcast.Strides(target, rank);
        int inner = x.Shape[rank - 1];
        bool innerKept = strides[rank - 1] != 0;
        var index = new int[rank - 1];
        int offset = 0;
        for (int row = 0; row * inner < x.Length; row++)
        {
            ReadOnlySpan<float> source = x.Data.AsSpan(row * inner, inner);
            if (innerKept)
            {
                Span<float> destination = result.Data.AsSpan(offset, inner);
                TensorPrimitives.Add(destination, source, destination);
            }
            else
            {
                result.Data[offset] += TensorPrimitives.Sum(source);
            }

            for (int axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                offset += strides[axis];
                if (index[axis] < x.Shape[axis])
                {
                    break;
                }

                offset -= strides[axis] * index[axis];
                index[axis] = 0;
            }
        }

        return result;
    }

    /// <summary>Returns the largest element.</summary>
    public static float Max(Tensor x) => TensorPrimitives.Max(x.Data);

    /// <summary>Returns the smallest element.</summary>
    public static float Min(Tensor x) => TensorPrimitives.Min(x.Data);

    /// <summary>
    /// Returns the Euclidean (L2) norm of all elements: accumulated in double on the host,
    /// in float on a device, where only the result is copied back.
    /// </summary>
    public static double L2Norm(Tensor x) =>
        x.IsOnDevice ? Math.Sqrt(DeviceSumOfSquares(x)) : L2Norm(x.Data);

    /// <summary>Returns the Euclidean (L2) norm of all elements, accumulated in double.</summary>
    public static double L2Norm(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float value in x)
        {
            sum += (double)value * value;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Returns whether every element is finite (no NaN or infinity).</summary>
    public static bool AllFinite(ReadOnlySpan<float> x)
    {
        foreach (float value in x)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
