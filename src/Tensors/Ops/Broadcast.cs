namespace NativeGan.Tensors;

/// <summary>
/// NumPy and PyTorch broadcasting: shapes are aligned at their last dimension, and each
/// pair of dimensions must be equal or contain a 1.
/// </summary>
public static class Broadcast
{
    /// <summary>Returns the broadcast shape of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static Shape Shapes(Shape a, Shape b, string op)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = DimFromEnd(a, rank - 1 - i);
            int db = DimFromEnd(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException(
                    $"{op}: shapes {a} and {b} cannot be broadcast together " +
                    $"(dimension {i} of the result: {da} vs {db}).");
            }

            dims[i] = da == 1 ? db : da;
        }

        return new Shape(dims);
    }

    /// <summary>
    /// Returns the element strides of <paramref name="shape"/> seen from a broadcast result
    /// of rank <paramref name="rank"/>: 0 along broadcast dimensions.
    /// </summary>
    public static int[] Strides(Shape shape, int rank)
    {
        var strides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--)
        {
            int dim = DimFromEnd(shape, rank - 1 - i);
            strides[i] = dim == 1 ? 0 : stride;
            stride *= dim;
        }

        return strides;
    }

    /// <summary>Returns whether <paramref name="shape"/> broadcasts to <paramref name="target"/> unchanged.</summary>
    public static bool IsSameOrScalar(Shape shape, Shape target) =>
        shape == target || shape.ElementCount == 1;

    // Dimension counted from the end: offset 0 is the last one. Missing leading dims are 1.
    private static int DimFromEnd(Shape shape, int offsetFromEnd)
    {
        int axis = shape.Rank - 1 - offsetFromEnd;
        return axis >= 0 ? shape[axis] : 1;
    }
}
