namespace NativeGan.Tensors.Tests;

/// <summary>
/// Naive float64 implementations of the tensor operations, written independently of the
/// library (plain index arithmetic, no Broadcast helpers), to serve as test oracles.
/// </summary>
internal static class Float64Reference
{
    /// <summary>Returns the NumPy broadcast of two dimension lists, or null on a clash.</summary>
    public static int[]? BroadcastDims(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            int db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
            {
                return null;
            }

            dims[i] = da == 1 ? db : da;
        }

        return dims;
    }

    /// <summary>Applies <paramref name="op"/> elementwise after broadcasting a and b.</summary>
    public static double[] Binary(Tensor a, Tensor b, Func<double, double, double> op)
    {
        int[] dims = BroadcastDims(a.Shape.ToArray(), b.Shape.ToArray())
            ?? throw new ArgumentException($"{a.Shape} and {b.Shape} do not broadcast.");
        int count = dims.Aggregate(1, (x, y) => x * y);
        var result = new double[count];
        var index = new int[dims.Length];
        for (int flat = 0; flat < count; flat++)
        {
            Unflatten(flat, dims, index);
            double x = a.Data[SourceOffset(index, a.Shape.ToArray())];
            double y = b.Data[SourceOffset(index, b.Shape.ToArray())];
            result[flat] = op(x, y);
        }

        return result;
    }

    /// <summary>Sums a rank-3 tensor over one axis, in double.</summary>
    public static double[] SumAxis(Tensor x, int axis)
    {
        int[] dims = x.Shape.ToArray();
        int[] outDims = (int[])dims.Clone();
        outDims[axis] = 1;
        int count = outDims.Aggregate(1, (p, q) => p * q);
        var result = new double[count];
        var index = new int[dims.Length];
        for (int flat = 0; flat < x.Length; flat++)
        {
            Unflatten(flat, dims, index);
            index[axis] = 0;
            result[Flatten(index, outDims)] += x.Data[flat];
        }

        return result;
    }

    /// <summary>Sums <paramref name="x"/> down to <paramref name="target"/>, in double.</summary>
    public static double[] SumTo(Tensor x, int[] target)
    {
        int[] dims = x.Shape.ToArray();
        int count = target.Aggregate(1, (p, q) => p * q);
        var result = new double[count];
        var index = new int[dims.Length];
        for (int flat = 0; flat < x.Length; flat++)
        {
            Unflatten(flat, dims, index);
            result[SourceOffset(index, target)] += x.Data[flat];
        }

        return result;
    }

    /// <summary>
    /// Returns op(A) op(B) in double, where A and B are row-major and op transposes when
    /// asked. op(A) is m x k and op(B) is k x n.
    /// </summary>
    public static double[] MatMul(
        float[] a, float[] b, int m, int n, int k, bool transposeA, bool transposeB)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = transposeA ? a[p * m + i] : a[i * k + p];
                    double y = transposeB ? b[j * k + p] : b[p * n + j];
                    sum += x * y;
                }

                c[i * n + j] = sum;
            }
        }

        return c;
    }

    /// <summary>Converts a flat row-major offset into one coordinate per dimension.</summary>
    public static void Unflatten(int flat, int[] dims, int[] index)
    {
        for (int axis = dims.Length - 1; axis >= 0; axis--)
        {
            index[axis] = flat % dims[axis];
            flat /= dims[axis];
        }
    }

    private static int Flatten(int[] index, int[] dims)
    {
        int flat = 0;
        for (int axis = 0; axis < dims.Length; axis++)
        {
            flat = flat * dims[axis] + index[axis];
        }

        return flat;
    }

    // Offset in an operand of shape `dims` (right-aligned against the result index, with
    // size-1 dimensions pinned at 0) of the element that broadcasts to `index`.
    private static int SourceOffset(int[] index, int[] dims)
    {
        int lead = index.Length - dims.Length;
        int flat = 0;
        for (int axis = 0; axis < dims.Length; axis++)
        {
            int coordinate = dims[axis] == 1 ? 0 : index[lead + axis];
            flat = flat * dims[axis] + coordinate;
        }

        return flat;
    }
}
