using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>
/// DeviceActivations against the CPU activations on inputs from U(-4, 4): ReLU, leaky ReLU,
/// tanh and sigmoid and their gradients. NativeGan.Tensors has no CPU kernel for the tanh
/// and sigmoid gradients, so those are checked against float64.
/// </summary>
internal static class ActivationChecks
{
    private const float Slope = 0.2f;

    // The tolerances of the device activation tests.
    private static readonly Tolerance Exact = Tolerance.Relative(0, 0);
    private static readonly Tolerance Leaky = Tolerance.Relative(1e-7, 0);
    private static readonly Tolerance Smooth = Tolerance.Relative(1e-6, 1e-7);

    /// <summary>Creates the checks.</summary>
    public static IEnumerable<KernelCheck> Create(ComputeDevice device, CheckSizes sizes)
    {
        int length = sizes.ActivationLength;
        var label = new KernelCheckLabel("activations", $"{length} elements");
        float[] x = HostArrays.Uniform(new Rng(71), length, -4f, 4f);
        float[] dY = HostArrays.Uniform(new Rng(72), length);
        var input = new Tensor(x, length);

        yield return Check(label, "relu", () =>
        {
            float[] actual = Forward(device, DeviceActivations.Relu, x);
            return Comparison.Compare(label, "relu", "TensorOps.Relu", actual,
                TensorOps.Relu(input).Data, Exact);
        });
        yield return Check(label, "leaky_relu", () =>
        {
            float[] actual = Forward(device, (a, b) => DeviceActivations.LeakyRelu(a, Slope, b), x);
            return Comparison.Compare(label, "leaky_relu", "TensorOps.LeakyRelu", actual,
                TensorOps.LeakyRelu(input, Slope).Data, Leaky);
        });
        yield return Check(label, "tanh", () =>
        {
            float[] actual = Forward(device, DeviceActivations.Tanh, x);
            return Comparison.Compare(label, "tanh", "TensorOps.Tanh", actual,
                TensorOps.Tanh(input).Data, Smooth);
        });
        yield return Check(label, "sigmoid", () =>
        {
            float[] actual = Forward(device, DeviceActivations.Sigmoid, x);
            return Comparison.Compare(label, "sigmoid", "TensorOps.Sigmoid", actual,
                TensorOps.Sigmoid(input).Data, Smooth);
        });
        yield return Check(label, "relu backward", () =>
        {
            var cpu = new float[length];
            ActivationKernels.ReluBackward(x, dY, cpu);
            float[] actual = Backward(device, DeviceActivations.ReluBackward, x, dY);
            return Comparison.Compare(label, "relu backward", "ActivationKernels", actual, cpu,
                Exact);
        });
        yield return Check(label, "leaky_relu backward", () =>
        {
            var cpu = new float[length];
            ActivationKernels.LeakyReluBackward(x, dY, Slope, cpu);
            float[] actual = Backward(device,
                (a, b, c) => DeviceActivations.LeakyReluBackward(a, b, Slope, c), x, dY);
            return Comparison.Compare(label, "leaky_relu backward", "ActivationKernels", actual,
                cpu, Leaky);
        });
        yield return Check(label, "tanh backward", () =>
        {
            float[] y = TensorOps.Tanh(input).Data;
            double[] exact = y.Select((v, i) => dY[i] * (1 - (double)v * v)).ToArray();
            float[] actual = Backward(device, DeviceActivations.TanhBackward, y, dY);
            return Comparison.Compare(label, "tanh backward", "float64", actual, exact, Smooth);
        });
        yield return Check(label, "sigmoid backward", () =>
        {
            float[] y = TensorOps.Sigmoid(input).Data;
            double[] exact = y.Select((v, i) => dY[i] * (double)v * (1 - v)).ToArray();
            float[] actual = Backward(device, DeviceActivations.SigmoidBackward, y, dY);
            return Comparison.Compare(label, "sigmoid backward", "float64", actual, exact,
                Smooth);
        });
    }

    private static KernelCheck Check(KernelCheckLabel label, string name, Func<CheckResult> run) =>
        new(label, name, () => [run()]);

    private static float[] Forward(
        ComputeDevice device, Action<DeviceTensor, DeviceTensor> op, float[] x)
    {
        using DeviceTensor input = HostArrays.Upload(device, x, new(x.Length));
        using DeviceTensor output = HostArrays.NaNs(device, input.Shape);
        op(input, output);
        return output.ToHost().Data;
    }

    private static float[] Backward(
        ComputeDevice device, Action<DeviceTensor, DeviceTensor, DeviceTensor> op,
        float[] saved, float[] dY)
    {
        using DeviceTensor input = HostArrays.Upload(device, saved, new(saved.Length));
        using DeviceTensor gradient = HostArrays.Upload(device, dY, new(dY.Length));
        using DeviceTensor result = HostArrays.NaNs(device, input.Shape);
        op(input, gradient, result);
        return result.ToHost().Data;
    }
}
