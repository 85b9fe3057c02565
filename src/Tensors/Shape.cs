namespace NativeGan.Tensors;

/// <summary>
/// Dimensions of a row-major tensor, outermost first. Prints as "(2, 3)" so that shape
/// errors read the way PyTorch users expect.
/// </summary>
public readonly struct Shape : IEquatable<Shape>
{
    private readonly int[] _dims;

    /// <summary>Creates a shape from its dimensions; each must be zero or positive.</summary>
    public Shape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        foreach (int d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException(
                    $"Invalid shape {Format(dims)}: dimensions must be zero or positive.",
                    nameof(dims));
            }
        }

        _dims = (int[])dims.Clone();
    }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Dims.Length;

    /// <summary>Product of the dimensions; 1 for a scalar of rank 0.</summary>
    public int ElementCount
    {
        get
        {
            long count = 1;
            foreach (int d in Dims)
            {
                count *= d;
            }

            if (count > Array.MaxLength)
            {
                throw new InvalidOperationException(
                    $"Shape {this} has {count} elements, more than one array can hold.");
            }

            return (int)count;
        }
    }

    /// <summary>Dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int this[int axis] => Dims[NormalizeAxis(axis)];

    /// <summary>Dimensions as a read-only span.</summary>
    public ReadOnlySpan<int> AsSpan() => Dims;

    /// <summary>Copies the dimensions into a new array.</summary>
    public int[] ToArray() => (int[])Dims.Clone();

    /// <summary>Maps a possibly negative axis to 0..Rank-1, or throws naming the shape.</summary>
    public int NormalizeAxis(int axis)
    {
        int normalized = axis < 0 ? axis + Rank : axis;
        if (normalized < 0 || normalized >= Rank)
        {
            throw new ArgumentOutOfRangeException(
                nameof(axis), $"Axis {axis} is out of range for shape {this}.");
        }

        return normalized;
    }

    private int[] Dims => _dims ?? [];

    /// <inheritdoc />
    public bool Equals(Shape other) => Dims.AsSpan().SequenceEqual(other.Dims);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int d in Dims)
        {
            hash.Add(d);
        }

        return hash.ToHashCode();
    }

    /// <summary>Compares two shapes dimension by dimension.</summary>
    public static bool operator ==(Shape left, Shape right) => left.Equals(right);

    /// <summary>Compares two shapes dimension by dimension.</summary>
    public static bool operator !=(Shape left, Shape right) => !left.Equals(right);

    /// <summary>Formats the shape as "(d0, d1, ...)".</summary>
    public override string ToString() => Format(Dims);

    private static string Format(int[] dims) =>
        dims.Length == 1 ? $"({dims[0]},)" : "(" + string.Join(", ", dims) + ")";
}
