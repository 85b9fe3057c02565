using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn;

/// <summary>
/// Gives the input a new shape with the same elements, as torch.reshape. The shape
/// includes the batch dimension: Reshape(-1, 128, 7, 7) turns (N, 6272) into
/// (N, 128, 7, 7) for any N. The output is a view of the input, and the gradient is
/// reshaped back.
/// </summary>
public sealed class Reshape : Module
{
    private readonly int[] _shape;

    /// <summary>Creates the layer; each dimension is at least 0, except one may be -1.</summary>
    /// <param name="shape">Output shape; a -1 is inferred from the element count.</param>
    /// <exception cref="ArgumentException">
    /// A dimension is below -1, or more than one is -1.
    /// </exception>
    public Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        string text = Format(shape);
        if (shape.Any(d => d < -1) || shape.Count(d => d == -1) > 1)
        {
            throw new ArgumentException(
                $"Reshape: shape {text} is invalid; each dimension must be at least 0, " +
                "except one that may be -1 to be inferred.", nameof(shape));
        }

        _shape = (int[])shape.Clone();
    }

    /// <summary>Output shape as given, with -1 for an inferred dimension.</summary>
    public IReadOnlyList<int> TargetShape => _shape;

    /// <summary>
    /// Reshapes the input. input: any shape with as many elements as the target shape
    /// (a multiple of the known dimensions' product when one is -1).
    /// </summary>
    /// <exception cref="ArgumentException">The element counts do not match.</exception>
    public override Variable Forward(Variable input)
    {
        long known = 1;
        foreach (int d in _shape)
        {
            known *= d == -1 ? 1 : d;
        }

        int count = input.Value.Length;
        bool inferred = _shape.Contains(-1);
        bool fits = inferred ? known > 0 && count % known == 0 : known == count;
        if (!fits)
        {
            throw new ArgumentException(
                $"Reshape: input {input.Shape} has {count} elements, which do not fit shape " +
                $"{Format(_shape)}. Check the layer sizes before this Reshape; use -1 for the " +
                "batch dimension.", nameof(input));
        }

        return Functions.Reshape(input, _shape);
    }

    /// <inheritdoc />
    public override string ToString() => $"Reshape{Format(_shape)}";

    private static string Format(int[] shape) => "(" + string.Join(", ", shape) + ")";
}
