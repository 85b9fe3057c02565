using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn;

/// <summary>
/// Base of gradient-descent optimizers: updates the parameters in place from their
/// gradients, and saves and restores its state so that a resumed run continues exactly.
/// </summary>
public abstract class Optimizer
{
    /// <summary>Creates an optimizer over <paramref name="parameters"/>, in a fixed order.</summary>
    protected Optimizer(IEnumerable<Variable> parameters)
    {
        Parameters = parameters.ToList();
        foreach (Variable p in Parameters)
        {
            if (!p.RequiresGrad)
            {
                throw new ArgumentException(
                    $"Optimizer given {p}, which does not require a gradient.");
            }
        }
    }

    /// <summary>Parameters updated by <see cref="Step"/>.</summary>
    public IReadOnlyList<Variable> Parameters { get; }

    /// <summary>Learning rate.</summary>
    public float LearningRate { get; set; }

    /// <summary>Applies one update. Parameters without a gradient are skipped, as in PyTorch.</summary>
    public abstract void Step();

    /// <summary>Drops the gradients of all parameters.</summary>
    public void ZeroGrad()
    {
        foreach (Variable p in Parameters)
        {
            p.ZeroGrad();
        }
    }

    /// <summary>
    /// Returns the optimizer state (moments, step count) as named tensors, for a checkpoint.
    /// Names are "{index}.{slot}" with the parameter's position in <see cref="Parameters"/>.
    /// </summary>
    public abstract Dictionary<string, Tensor> StateDict();

    /// <summary>Restores a state returned by <see cref="StateDict"/> of the same optimizer type.</summary>
    public abstract void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string source);

    /// <summary>
    /// Throws unless every name in <paramref name="state"/> is "{index}.{slot}" with an index
    /// of <see cref="Parameters"/> and one of <paramref name="slots"/>: a state of another
    /// optimizer type or of a larger model must not load silently.
    /// </summary>
    protected void RejectUnknownNames(
        IReadOnlyDictionary<string, Tensor> state, IReadOnlyCollection<string> slots, string source)
    {
        foreach (string name in state.Keys)
        {
            int dot = name.IndexOf('.', StringComparison.Ordinal);
            bool known = dot > 0 &&
                int.TryParse(name.AsSpan(0, dot), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out int index) &&
                index < Parameters.Count &&
                slots.Contains(name[(dot + 1)..]);
            if (!known)
            {
                throw new InvalidDataException(
                    $"{source}: unexpected optimizer state '{name}' for {GetType().Name} over " +
                    $"{Parameters.Count} parameters. The checkpoint was written for another " +
                    "optimizer or model; start a new run or use a matching checkpoint.");
            }
        }
    }

    /// <summary>Reads one named state tensor, checking its shape, for <see cref="LoadStateDict"/>.</summary>
    protected static Tensor ReadState(
        IReadOnlyDictionary<string, Tensor> state, string name, Shape shape, string source)
    {
        if (!state.TryGetValue(name, out Tensor? tensor))
        {
            throw new InvalidDataException(
                $"{source}: optimizer state '{name}' is missing. The checkpoint was written " +
                "for another optimizer or model; start a new run or use a matching checkpoint.");
        }

        if (tensor.Shape != shape)
        {
            throw new InvalidDataException(
                $"{source}: optimizer state '{name}' has shape {tensor.Shape}, expected {shape}.");
        }

        return tensor;
    }
}
