namespace NativeGan.Tensors;

/// <summary>Validates operand shapes and throws errors that show both shapes.</summary>
public static class ShapeCheck
{
    /// <summary>Throws unless both tensors have the same shape.</summary>
    public static void Same(Tensor a, Tensor b, string op)
    {
        if (a.Shape != b.Shape)
        {
            throw new ArgumentException(
                $"{op}: shapes {a.Shape} and {b.Shape} must be equal.");
        }
    }

    /// <summary>Throws unless the tensor has the given rank.</summary>
    public static void Rank(Tensor a, int rank, string op)
    {
        if (a.Rank != rank)
        {
            throw new ArgumentException(
                $"{op}: expected a tensor of rank {rank}, got shape {a.Shape}.");
        }
    }
}
