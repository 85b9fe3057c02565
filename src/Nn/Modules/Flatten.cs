using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn;

/// <summary>
/// Merges the dimensions startDim..endDim (inclusive) into one, as torch.nn.Flatten; the
/// defaults turn (N, C, H, W) into (N, C * H * W). The output is a view of the input, and
/// the gradient is reshaped back.
/// </summary>
public sealed class Flatten : Module
{
    /// <summary>Creates the layer; negative dimensions count from the end.</summary>
    /// <param name="startDim">First dimension to merge.</param>
    /// <param name="endDim">Last dimension to merge.</param>
    public Flatten(int startDim = 1, int endDim = -1)
    {
        StartDim = startDim;
        EndDim = endDim;
    }

    /// <summary>First dimension to merge; negative counts from the end.</summary>
    public int StartDim { get; }

    /// <summary>Last dimension to merge; negative counts from the end.</summary>
    public int EndDim { get; }

    /// <summary>Returns the shape that <see cref="Forward"/> produces for an input shape.</summary>
    /// <exception cref="ArgumentException">
    /// A dimension is out of range for the input, or startDim comes after endDim.
    /// </exception>
    public Shape OutputShape(Shape input)
    {
        // A rank-0 input flattens like a vector of one element, as in PyTorch.
        Shape source = input.Rank == 0 ? new Shape(1) : input;
        int start = NormalizeDim(StartDim, source, "start_dim");
        int end = NormalizeDim(EndDim, source, "end_dim");
        if (start > end)
        {
            throw new ArgumentException(
                $"Flatten: start_dim {StartDim} comes after end_dim {EndDim} for input " +
                $"{input}; pass start_dim <= end_dim.");
        }

        var dims = new List<int>();
        for (int axis = 0; axis < start; axis++)
        {
            dims.Add(source[axis]);
        }

        int merged = 1;
        for (int axis = start; axis <= end; axis++)
        {
            merged *= source[axis];
        }

        dims.Add(merged);
        for (int axis = end + 1; axis < source.Rank; axis++)
        {
            dims.Add(source[axis]);
        }

        return new Shape(dims.ToArray());
    }

    /// <summary>Flattens the input. input: any shape with the dimensions in range.</summary>
    public override Variable Forward(Variable input) =>
        Functions.Reshape(input, OutputShape(input.Shape).ToArray());

    /// <inheritdoc />
    public override string ToString() => $"Flatten(start_dim={StartDim}, end_dim={EndDim})";

    private static int NormalizeDim(int dim, Shape shape, string name)
    {
        int normalized = dim < 0 ? dim + shape.Rank : dim;
        if (normalized < 0 || normalized >= shape.Rank)
        {
            throw new ArgumentException(
                $"Flatten: {name} {dim} is out of range for input {shape} of rank " +
                $"{shape.Rank}; use a dimension in [{-shape.Rank}, {shape.Rank - 1}].");
        }

        return normalized;
    }
}
