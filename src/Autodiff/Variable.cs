using NativeGan.Tensors;

namespace NativeGan.Autodiff;

/// <summary>
/// Backward rule of one operation: given dL/d(output), returns dL/d(input) for each
/// parent, in order, or null for a parent that needs no gradient.
/// </summary>
/// <remarks>
/// A rule may return <paramref name="gradOutput"/> itself or share storage between its
/// results: the engine never writes into a gradient it did not allocate.
/// </remarks>
public delegate Tensor?[] BackwardRule(Tensor gradOutput);

/// <summary>
/// A tensor in the autodiff graph: its value, its accumulated gradient, and for results of
/// operations the parents and backward rule that produced it.
/// </summary>
public sealed partial class Variable
{
    private static readonly Variable[] NoParents = [];

    /// <summary>Creates a leaf. Parameters pass requiresGrad: true.</summary>
    public Variable(Tensor value, bool requiresGrad = false, string? name = null)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
        _requiresGrad = requiresGrad;
        Name = name;
        Parents = NoParents;
    }

    private Variable(Tensor value, Variable[] parents, BackwardRule rule)
    {
        Value = value;
        _requiresGrad = true;
        Parents = parents;
        Rule = rule;
    }

    /// <summary>Value computed in the forward pass.</summary>
    public Tensor Value { get; }

    /// <summary>
    /// Gradient accumulated by <see cref="Backward()"/>, with the shape of <see cref="Value"/>;
    /// null until a backward pass reaches this leaf. Only leaves keep gradients.
    /// </summary>
    public Tensor? Grad { get; set; }

    /// <summary>
    /// Whether gradients flow to this variable. Only a leaf's flag may be changed, like
    /// torch's requires_grad_(): a GAN freezes D's parameters while it updates G.
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!IsLeaf)
            {
                throw new InvalidOperationException(
                    $"RequiresGrad can only be changed on a leaf, not on the result {this}. " +
                    "Use Detach() to cut the graph instead.");
            }

            _requiresGrad = value;
        }
    }

    private bool _requiresGrad;

    /// <summary>Optional name, shown in errors and gradient checks.</summary>
    public string? Name { get; set; }

    /// <summary>Shape of the value.</summary>
    public Shape Shape => Value.Shape;

    /// <summary>Whether this variable was created by the user rather than by an operation.</summary>
    public bool IsLeaf => Rule is null;

    internal Variable[] Parents { get; }

    internal BackwardRule? Rule { get; }

    /// <summary>
    /// Creates the result of an operation. When recording is disabled or no parent needs a
    /// gradient, the result is a constant with no history and the rule is dropped.
    /// </summary>
    public static Variable FromOperation(Tensor value, Variable[] parents, BackwardRule rule)
    {
        if (!GradMode.IsEnabled || !parents.Any(p => p.RequiresGrad))
        {
            return new Variable(value);
        }

        return new Variable(value, parents, rule);
    }

    /// <summary>Returns a constant that shares this value but has no history, like torch's detach().</summary>
    public Variable Detach() => new(Value, requiresGrad: false, Name);

    /// <summary>Drops the accumulated gradient.</summary>
    public void ZeroGrad() => Grad = null;

    /// <summary>Describes the variable by name and shape, for debugging.</summary>
    public override string ToString() => $"Variable {Name ?? "(unnamed)"} {Shape}";
}
