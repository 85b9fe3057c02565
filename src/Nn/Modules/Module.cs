using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn;

/// <summary>
/// Base of every layer and model, like torch.nn.Module: named parameters and buffers,
/// child modules, and a training or evaluation mode.
/// </summary>
public abstract partial class Module
{
    private readonly List<(string Name, Variable Parameter)> _parameters = [];
    private readonly List<(string Name, Tensor Buffer)> _buffers = [];
    private readonly List<(string Name, Module Child)> _children = [];
    private readonly HashSet<Tensor> _hostBuffers = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether the module is in training mode (dropout active, batch statistics).</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Runs the layer. input and output shapes are stated by each subclass.</summary>
    public abstract Variable Forward(Variable input);

    /// <summary>Sets training mode on this module and every descendant; returns this.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children)
        {
            child.Train(training);
        }

        return this;
    }

    /// <summary>Sets evaluation mode on this module and every descendant; returns this.</summary>
    public Module Eval() => Train(false);

    /// <summary>Lists parameters with dotted names ("0.weight"), children in registration order.</summary>
    public IEnumerable<(string Name, Variable Parameter)> NamedParameters()
    {
        foreach (var (name, parameter) in _parameters)
        {
            yield return (name, parameter);
        }

        foreach (var (childName, child) in _children)
        {
            foreach (var (name, parameter) in child.NamedParameters())
            {
                yield return ($"{childName}.{name}", parameter);
            }
        }
    }

    /// <summary>Lists buffers (state that is saved but not trained) with dotted names.</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers()
    {
        foreach (var (name, buffer) in _buffers)
        {
            yield return (name, buffer);
        }

        foreach (var (childName, child) in _children)
        {
            foreach (var (name, buffer) in child.NamedBuffers())
            {
                yield return ($"{childName}.{name}", buffer);
            }
        }
    }

    /// <summary>Lists the parameters in the order of <see cref="NamedParameters"/>.</summary>
    public IReadOnlyList<Variable> Parameters() =>
        NamedParameters().Select(p => p.Parameter).ToList();

    /// <summary>Lists the direct children with their names.</summary>
    public IReadOnlyList<(string Name, Module Child)> Children() => _children;

    /// <summary>Drops the accumulated gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var (_, parameter) in NamedParameters())
        {
            parameter.ZeroGrad();
        }
    }

    /// <summary>
    /// Sets whether gradients flow to every parameter, like torch's requires_grad_(). A GAN
    /// freezes D this way during G's update, so D's weight gradients are not computed.
    /// </summary>
    public void SetRequiresGrad(bool requiresGrad)
    {
        foreach (var (_, parameter) in NamedParameters())
        {
            parameter.RequiresGrad = requiresGrad;
        }
    }

    /// <summary>Counts the trainable values.</summary>
    public long ParameterCount() => NamedParameters().Sum(p => (long)p.Parameter.Value.Length);

    /// <summary>Registers a trainable tensor under <paramref name="name"/>.</summary>
    protected Variable RegisterParameter(string name, Tensor value)
    {
        CheckNewName(name);
        var parameter = new Variable(value, requiresGrad: true, name);
        _parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>
    /// Registers saved, untrained state such as batch-norm running statistics. A buffer with
    /// <paramref name="keepOnHost"/> stays in host memory when the module moves to a device,
    /// for counters that the layer reads on the host at every step.
    /// </summary>
    protected Tensor RegisterBuffer(string name, Tensor value, bool keepOnHost = false)
    {
        CheckNewName(name);
        _buffers.Add((name, value));
        if (keepOnHost)
        {
            _hostBuffers.Add(value);
        }

        return value;
    }

    /// <summary>Registers a child module whose parameters get the prefix "name.".</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        CheckNewName(name);
        _children.Add((name, module));
        module.Train(IsTraining);
        return module;
    }

    private void CheckNewName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
        {
            throw new ArgumentException(
                $"Invalid name '{name}' in {GetType().Name}: names must be non-empty and " +
                "contain no '.', which separates the levels of a parameter path.");
        }

        if (_parameters.Any(p => p.Name == name) || _buffers.Any(b => b.Name == name) ||
            _children.Any(c => c.Name == name))
        {
            throw new ArgumentException(
                $"{GetType().Name} already has a member named '{name}'.");
        }
    }
}
