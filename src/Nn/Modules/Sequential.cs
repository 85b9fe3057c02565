using NativeGan.Autodiff;

namespace NativeGan.Nn;

/// <summary>
/// Chain of modules applied in order; children are named "0", "1", ... as in PyTorch, so
/// parameter names match a torch.nn.Sequential of the same layers.
/// </summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    /// <summary>Creates the chain from <paramref name="layers"/>.</summary>
    public Sequential(params Module[] layers)
    {
        foreach (Module layer in layers)
        {
            Add(layer);
        }
    }

    /// <summary>Layers in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <summary>Appends a layer named by its position.</summary>
    public void Add(Module layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
    }

    /// <inheritdoc />
    public override Variable Forward(Variable input)
    {
        Variable x = input;
        foreach (Module layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }

    /// <inheritdoc />
    public override string ToString() =>
        "Sequential(\n" + string.Join("\n", _layers.Select((l, i) => $"  ({i}): {l}")) + "\n)";
}
