using NativeGan.Autodiff;
using NativeGan.Tensors.Gpu;
using Tensor = NativeGan.Tensors.Tensor;

namespace NativeGan.Nn;

/// <summary>
/// Adam as defined by torch.optim.Adam (Kingma and Ba, 2015), with L2 weight decay added to
/// the gradient: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
/// p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;

    /// <summary>Creates the optimizer; the defaults are PyTorch's.</summary>
    public Adam(
        IEnumerable<Variable> parameters,
        float learningRate = 1e-3f,
        float beta1 = 0.9f,
        float beta2 = 0.999f,
        float epsilon = 1e-8f,
        float weightDecay = 0f)
        : base(parameters)
    {
        CheckRange(learningRate >= 0f, nameof(learningRate), learningRate, ">= 0");
        CheckRange(beta1 >= 0f && beta1 < 1f, nameof(beta1), beta1, "in [0, 1)");
        CheckRange(beta2 >= 0f && beta2 < 1f, nameof(beta2), beta2, "in [0, 1)");
        CheckRange(epsilon >= 0f, nameof(epsilon), epsilon, ">= 0");
        CheckRange(weightDecay >= 0f, nameof(weightDecay), weightDecay, ">= 0");
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        _firstMoments = Parameters.Select(p => Tensor.ZerosLike(p.Value)).ToArray();
        _secondMoments = Parameters.Select(p => Tensor.ZerosLike(p.Value)).ToArray();
        _steps = new long[Parameters.Count];
    }

    /// <summary>Decay rate of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay rate of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Term added to the denominator for numerical stability.</summary>
    public float Epsilon { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>
    /// Steps taken by each parameter (t in the update rule). As in PyTorch, a parameter's
    /// count advances only on steps where it has a gradient.
    /// </summary>
    public IReadOnlyList<long> StepCounts => _steps;

    private readonly long[] _steps;

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

            if (parameter.Value.IsOnDevice || _firstMoments[i].IsOnDevice)
            {
                StepOnDevice(i, _steps[i] + 1);
                _steps[i]++;
                continue;
            }

            long t = ++_steps[i];
            float biasCorrection1 = 1f - MathF.Pow(Beta1, t);
            float biasCorrection2Sqrt = MathF.Sqrt(1f - MathF.Pow(Beta2, t));
            float stepSize = LearningRate / biasCorrection1;
            AdamKernel.Update(
                parameter.Value.Data,
                parameter.Grad.Data,
                _firstMoments[i].Data,
                _secondMoments[i].Data,
                Beta1,
                Beta2,
                stepSize,
                biasCorrection2Sqrt,
                Epsilon,
                WeightDecay);
        }
    }

    /// <inheritdoc />
    public override Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; i < Parameters.Count; i++)
        {
            // NOTE: the count is stored as float32, exact up to 2^24 (16.7 million) steps.
            state[$"{i}.step"] = Tensor.Scalar(_steps[i]);
            state[$"{i}.exp_avg"] = HostCopy(_firstMoments[i]);
            state[$"{i}.exp_avg_sq"] = HostCopy(_secondMoments[i]);
        }

        return state;
    }

    /// <inheritdoc />
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string source)
    {
        RejectUnknownNames(state, ["step", "exp_avg", "exp_avg_sq"], source);
        var steps = new long[Parameters.Count];
        var first = new Tensor[Parameters.Count];
        var second = new Tensor[Parameters.Count];
        for (int i = 0; i < Parameters.Count; i++)
        {
            float step = ReadState(state, $"{i}.step", new NativeGan.Tensors.Shape(), source).Item();
            if (!(step >= 0f && step == MathF.Floor(step)))
            {
                throw new InvalidDataException(
                    $"{source}: optimizer state '{i}.step' is {step}; expected a whole number " +
                    ">= 0. The checkpoint is damaged; use an earlier one.");
            }

            steps[i] = (long)step;
            first[i] = ReadState(state, $"{i}.exp_avg", Parameters[i].Shape, source);
            second[i] = ReadState(state, $"{i}.exp_avg_sq", Parameters[i].Shape, source);
        }

        for (int i = 0; i < Parameters.Count; i++)
        {
            _firstMoments[i].CopyFrom(first[i]);
            _secondMoments[i].CopyFrom(second[i]);
        }

        steps.CopyTo(_steps, 0);
    }

    private static Tensor HostCopy(Tensor tensor) =>
        tensor.IsOnDevice ? tensor.To(ComputeDevice.Cpu) : tensor.Clone();

    // The device kernel computes the bias corrections in double and rounds them to float,
    // where the host computes them in float, so the two differ in the last bits.
    private void StepOnDevice(int i, long step)
    {
        Variable parameter = Parameters[i];
        ComputeDevice device = parameter.Value.Device;
        if (!ReferenceEquals(_firstMoments[i].Device, device) ||
            !ReferenceEquals(parameter.Grad!.Device, device))
        {
            throw new InvalidOperationException(
                $"Adam: {parameter} is on {device.Name}, its gradient on " +
                $"{parameter.Grad!.Device.Name} and its moments on " +
                $"{_firstMoments[i].Device.Name}. " +
                "Create the optimizer after moving the model with Module.To(device).");
        }

        if (step > int.MaxValue)
        {
            throw new InvalidOperationException(
                $"Adam: step {step} of {parameter} exceeds the device kernel's int32 count. " +
                "Continue the run on the CPU, whose kernel counts in int64.");
        }

        DeviceAdam.Step(
            parameter.Value.DeviceStorage, parameter.Grad.DeviceStorage,
            _firstMoments[i].DeviceStorage, _secondMoments[i].DeviceStorage, (int)step,
            LearningRate, Beta1, Beta2, Epsilon, WeightDecay);
    }

    private static void CheckRange(bool valid, string name, float value, string range)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Adam {name} must be {range}.");
        }
    }
}
