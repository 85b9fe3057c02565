namespace NativeGan.Tensors.Normalization;

/// <summary>
/// Batch-norm view of a contiguous input of shape (N, C, *): Batch = N, Channels = C and
/// Spatial = the product of the trailing dimensions (1 for (N, C)). Channel c owns the N
/// runs x[(n * C + c) * Spatial .. + Spatial].
/// </summary>
/// <param name="Batch">N, the first dimension.</param>
/// <param name="Channels">C, the second dimension.</param>
/// <param name="Spatial">Product of the dimensions after C; 1 when there are none.</param>
public readonly record struct BatchNormLayout(int Batch, int Channels, int Spatial)
{
    /// <summary>Number of values per channel, N * Spatial, that the statistics cover.</summary>
    public long ValuesPerChannel => (long)Batch * Spatial;

    /// <summary>Total number of elements, N * C * Spatial.</summary>
    public long ElementCount => ValuesPerChannel * Channels;

    /// <summary>
    /// Creates the layout of a tensor of shape (N, C, *); the rank must be at least 2.
    /// </summary>
    /// <exception cref="ArgumentException">The rank is below 2.</exception>
    public static BatchNormLayout FromShape(Shape shape)
    {
        if (shape.Rank < 2)
        {
            throw new ArgumentException(
                $"Batch norm needs an input of shape (N, C, *), got {shape} of rank " +
                $"{shape.Rank}; add a batch dimension.", nameof(shape));
        }

        int spatial = 1;
        for (int axis = 2; axis < shape.Rank; axis++)
        {
            spatial *= shape[axis];
        }

        return new BatchNormLayout(shape[0], shape[1], spatial);
    }
}
