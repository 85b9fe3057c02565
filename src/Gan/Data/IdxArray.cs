namespace NativeGan.Gan.Data;

/// <summary>
/// Unsigned-byte array read from an IDX file: its dimensions, outermost first, and its
/// values in row-major order.
/// </summary>
public sealed class IdxArray
{
    /// <summary>Wraps the dimensions and values read from <paramref name="path"/>.</summary>
    public IdxArray(string path, int[] dimensions, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(data);
        long count = 1;
        foreach (int dimension in dimensions)
        {
            count *= dimension;
        }

        if (count != data.Length)
        {
            throw new ArgumentException(
                $"Data of length {data.Length} does not match dimensions " +
                $"{string.Join(" x ", dimensions)} ({count} values).",
                nameof(data));
        }

        Path = path;
        Dimensions = (int[])dimensions.Clone();
        Data = data;
    }

    /// <summary>Path of the file the array was read from.</summary>
    public string Path { get; }

    /// <summary>Dimensions, outermost first; for MNIST images (count, rows, columns).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>Values in row-major order; its length is the product of the dimensions.</summary>
    public byte[] Data { get; }
}
