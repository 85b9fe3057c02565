using System.Numerics.Tensors;

namespace NativeGan.Tensors;

/// <summary>
/// CPU tensor operations. Elementwise work and reductions run on TensorPrimitives;
/// matrix products run on the packed GEMM in Kernels.
/// </summary>
public static partial class TensorOps
{
    /// <summary>Kinds of elementwise binary operation.</summary>
    public enum BinaryOp
    {
        /// <summary>a + b</summary>
        Add,

        /// <summary>a - b</summary>
        Subtract,

        /// <summary>a * b</summary>
        Multiply,

        /// <summary>a / b</summary>
        Divide,
    }

    /// <summary>Returns a + b with broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b) => Binary(BinaryOp.Add, a, b);

    /// <summary>Returns a - b with broadcasting.</summary>
    public static Tensor Subtract(Tensor a, Tensor b) => Binary(BinaryOp.Subtract, a, b);

    /// <summary>Returns a * b elementwise with broadcasting.</summary>
    public static Tensor Multiply(Tensor a, Tensor b) => Binary(BinaryOp.Multiply, a, b);

    /// <summary>Returns a / b elementwise with broadcasting.</summary>
    public static Tensor Divide(Tensor a, Tensor b) => Binary(BinaryOp.Divide, a, b);

    /// <summary>Returns a new tensor holding <paramref name="op"/> of a and b, broadcast.</summary>
    public static Tensor Binary(BinaryOp op, Tensor a, Tensor b)
    {
        Shape shape = Broadcast.Shapes(a.Shape, b.Shape, op.ToString());
        // The device kernels write every element, so the result needs no memset.
        var result = OnDevice(op.ToString(), a, b)
            ? Tensor.Uninitialized(a.Device, shape)
            : new Tensor(shape);
        Binary(op, a, b, result);
        return result;
    }

    /// <summary>
    /// Writes <paramref name="op"/> of a and b into <paramref name="result"/>, whose shape
    /// must be the broadcast shape. The result may be a or b itself.
    /// </summary>
    public static void Binary(BinaryOp op, Tensor a, Tensor b, Tensor result)
    {
        Shape shape = Broadcast.Shapes(a.Shape, b.Shape, op.ToString());
        if (shape != result.Shape)
        {
            throw new ArgumentException(
                $"{op}: result has shape {result.Shape}, but {a.Shape} and {b.Shape} " +
                $"broadcast to {shape}.");
        }

        if (OnDevice(op.ToString(), a, b, result))
        {
            DeviceBinary(op, a, b, result);
            return;
        }

        if (a.Shape == shape && b.Shape == shape)
        {
            ApplySpans(op, a.Data, b.Data, result.Data);
            return;
        }

        if (a.Shape == shape && b.Length == 1)
        {
            ApplyScalarRight(op, a.Data, b.Data[0], result.Data);
            return;
        }

        if (b.Shape == shape && a.Length == 1)
        {
            ApplyScalarLeft(op, a.Data[0], b.Data, result.Data);
            return;
        }

        ApplyStrided(op, a, b, result);
    }

    private static void ApplySpans(
        BinaryOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result)
    {
        switch (op)
        {
            case BinaryOp.Add:
                TensorPrimitives.Add(a, b, result);
                break;
            case BinaryOp.Subtract:
                TensorPrimitives.Subtract(a, b, result);
                break;
            case BinaryOp.Multiply:
                TensorPrimitives.Multiply(a, b, result);
                break;
            default:
                TensorPrimitives.Divide(a, b, result);
                break;
        }
    }

    private static void ApplyScalarRight(
        BinaryOp op, ReadOnlySpan<float> a, float b, Span<float> result)
    {
        switch (op)
        {
            case BinaryOp.Add:
                TensorPrimitives.Add(a, b, result);
                break;
            case BinaryOp.Subtract:
                TensorPrimitives.Subtract(a, b, result);
                break;
            case BinaryOp.Multiply:
                TensorPrimitives.Multiply(a, b, result);
                break;
            default:
                TensorPrimitives.Divide(a, b, result);
                break;
        }
    }

    private static void ApplyScalarLeft(
        BinaryOp op, float a, ReadOnlySpan<float> b, Span<float> result)
    {
        switch (op)
        {
            case BinaryOp.Add:
                TensorPrimitives.Add(b, a, result);
                break;
            case BinaryOp.Subtract:
                TensorPrimitives.Subtract(a, b, result);
                break;
            case BinaryOp.Multiply:
                TensorPrimitives.Multiply(b, a, result);
                break;
            default:
                TensorPrimitives.Divide(a, b, result);
                break;
        }
    }

    // General broadcast: walks the result row by row (last dimension innermost), so each
    // row is one span operation whatever the broadcast pattern of the leading dimensions.
    private static void ApplyStrided(BinaryOp op, Tensor a, Tensor b, Tensor result)
    {
        if (result.Length == 0)
        {
            return;
        }

        int rank = result.Rank;
        int[] strideA = Broadcast.Strides(a.Shape, rank);
        int[] strideB = Broadcast.Strides(b.Shape, rank);
        int inner = rank == 0 ? 1 : result.Shape[rank - 1];
        int innerA = rank == 0 ? 0 : strideA[rank - 1];
        int innerB = rank == 0 ? 0 : strideB[rank - 1];
        var index = new int[Math.Max(rank - 1, 0)];
        int offsetA = 0;
        int offsetB = 0;
        for (int row = 0; row * inner < result.Length; row++)
        {
            Span<float> target = result.Data.AsSpan(row * inner, inner);
            if (innerA != 0 && innerB != 0)
            {
                ApplySpans(
                    op, a.Data.AsSpan(offsetA, inner), b.Data.AsSpan(offsetB, inner), target);
            }
            else if (innerA != 0)
            {
                ApplyScalarRight(op, a.Data.AsSpan(offsetA, inner), b.Data[offsetB], target);
            }
            else if (innerB != 0)
            {
                ApplyScalarLeft(op, a.Data[offsetA], b.Data.AsSpan(offsetB, inner), target);
            }
            else
            {
                target.Fill(ApplyScalar(op, a.Data[offsetA], b.Data[offsetB]));
            }

            // Advance the index over the leading dimensions, odometer style.
            for (int axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                offsetA += strideA[axis];
                offsetB += strideB[axis];
                if (index[axis] < result.Shape[axis])
                {
                    break;
                }

                offsetA -= strideA[axis] * index[axis];
                offsetB -= strideB[axis] * index[axis];
                index[axis] = 0;
            }
        }
    }

    private static float ApplyScalar(BinaryOp op, float a, float b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Subtract => a - b,
        BinaryOp.Multiply => a * b,
        _ => a / b,
    };
}
