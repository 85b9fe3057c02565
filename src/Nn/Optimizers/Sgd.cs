using System.Numerics.Tensors;
using NativeGan.Autodiff;
using Tensor = NativeGan.Tensors.Tensor;

namespace NativeGan.Nn;

/// <summary>
/// Stochastic gradient descent as defined by torch.optim.SGD: g += wd p; with momentum,
/// b = mu b + (1 - dampening) g (b = g on the first step), then g = g + mu b (Nesterov)
/// or g = b; finally p -= lr g.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly Tensor?[] _momentumBuffers;
    private readonly float[] _scratch;

    /// <summary>Creates the optimizer; the defaults are PyTorch's.</summary>
    public Sgd(
        IEnumerable<Variable> parameters,
        float learningRate,
        float momentum = 0f,
        float dampening = 0f,
        float weightDecay = 0f,
        bool nesterov = false)
        : base(parameters)
    {
        if (!(learningRate >= 0f) || !(momentum >= 0f) || !(weightDecay >= 0f))
        {
            throw new ArgumentOutOfRangeException(
                nameof(learningRate),
                $"SGD learning rate ({learningRate}), momentum ({momentum}) and weight decay " +
                $"({weightDecay}) must be >= 0.");
        }

        if (nesterov && (momentum <= 0f || dampening != 0f))
        {
            throw new ArgumentException(
                $"Nesterov momentum needs momentum > 0 and dampening 0, got momentum " +
                $"{momentum} and dampening {dampening}.");
        }

        LearningRate = learningRate;
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        _momentumBuffers = new Tensor?[Parameters.Count];
        _scratch = new float[Parameters.Count == 0 ? 0 : Parameters.Max(p => p.Value.Length)];
    }

    /// <summary>Momentum factor mu.</summary>
    public float Momentum { get; }

    /// <summary>Dampening applied to the gradient in the momentum update.</summary>
    public float Dampening { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc />
    public override void Step()
    {
        for (int i = 0; i < Parameters.Count; i++)
        {
            Variable parameter = Parameters[i];
            if (parameter.Grad is null)
            {
                continue;
            }

            Span<float> p = parameter.Value.Data;
            Span<float> g = _scratch.AsSpan(0, p.Length);
            parameter.Grad.Data.CopyTo(g);
            if (WeightDecay != 0f)
            {
                TensorPrimitives.MultiplyAdd(p, WeightDecay, g, g);
            }

            if (Momentum != 0f)
            {
                Tensor? buffer = _momentumBuffers[i];
                if (buffer is null)
                {
                    buffer = new Tensor(parameter.Shape);
                    g.CopyTo(buffer.Data);
                    _momentumBuffers[i] = buffer;
                }
                else
                {
                    // b = mu b + (1 - dampening) g
                    TensorPrimitives.Multiply(buffer.Data, Momentum, buffer.Data);
                    TensorPrimitives.MultiplyAdd(g, 1f - Dampening, buffer.Data, buffer.Data);
                }

                if (Nesterov)
                {
                    TensorPrimitives.MultiplyAdd(buffer.Data, Momentum, g, g);
                }
                else
                {
                    buffer.Data.CopyTo(g);
                }
            }

            TensorPrimitives.MultiplyAdd(g, -LearningRate, p, p);
        }
    }

    /// <inheritdoc />
    public override Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; i < Parameters.Count; i++)
        {
            if (_momentumBuffers[i] is Tensor buffer)
            {
                state[$"{i}.momentum_buffer"] = buffer.Clone();
            }
        }

        return state;
    }

    /// <inheritdoc />
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string source)
    {
        RejectUnknownNames(state, ["momentum_buffer"], source);
        var loaded = new Tensor?[Parameters.Count];
        for (int i = 0; i < Parameters.Count; i++)
        {
            string name = $"{i}.momentum_buffer";
            if (state.ContainsKey(name))
            {
                loaded[i] = ReadState(state, name, Parameters[i].Shape, source).Clone();
            }
        }

        loaded.CopyTo(_momentumBuffers, 0);
    }
}
