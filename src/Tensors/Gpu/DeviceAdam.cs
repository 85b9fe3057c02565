using ILGPU;
using ILGPU.Runtime;
using AdamLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, ILGPU.ArrayView<float>,
    NativeGan.Tensors.Gpu.AdamStep>;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// The Adam update of one parameter tensor on a device, as torch.optim.Adam defines it
/// (amsgrad off, weight decay as an L2 term added to the gradient).
/// </summary>
/// <remarks>
/// For step t (1 for the first update): g' = g + weightDecay p; m = beta1 m + (1 - beta1) g';
/// v = beta2 v + (1 - beta2) g'^2; p -= lr / (1 - beta1^t) m / (sqrt(v) / sqrt(1 - beta2^t)
/// + eps). The moment buffers start at zero and are updated in place.
/// </remarks>
public static class DeviceAdam
{
    private static readonly DeviceKernel<AdamLauncher> Update =
        new(typeof(DeviceAdam), nameof(AdamKernel));

    /// <summary>
    /// Applies step <paramref name="step"/> to <paramref name="parameter"/> with its
    /// gradient and first and second moments, which all have the parameter's shape.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes or devices differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// step is below 1, or a hyperparameter is out of its range.
    /// </exception>
    public static void Step(
        DeviceTensor parameter, DeviceTensor gradient, DeviceTensor firstMoment,
        DeviceTensor secondMoment, int step, float learningRate, float beta1 = 0.9f,
        float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
    {
        const string Op = "Adam";
        DeviceCheck.SameDevice(Op, (parameter, nameof(parameter)), (gradient, nameof(gradient)),
            (firstMoment, nameof(firstMoment)), (secondMoment, nameof(secondMoment)));
        DeviceCheck.SameShape(Op, parameter, nameof(parameter), gradient, nameof(gradient));
        DeviceCheck.SameShape(Op, parameter, nameof(parameter), firstMoment, nameof(firstMoment));
        DeviceCheck.SameShape(
            Op, parameter, nameof(parameter), secondMoment, nameof(secondMoment));
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(learningRate);
        RequireDecay(beta1, nameof(beta1));
        RequireDecay(beta2, nameof(beta2));
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);

        AdamStep scalars = Scalars(step, learningRate, beta1, beta2, epsilon, weightDecay);
        if (parameter.Length > 0)
        {
            ComputeDevice device = parameter.Device;
            Update.On(device)(device.Stream, parameter.Length, parameter.View, gradient.View,
                firstMoment.View, secondMoment.View, scalars);
        }
    }

    /// <summary>Computes the per-step scalars in double, then rounds them to float.</summary>
    internal static AdamStep Scalars(
        int step, float learningRate, float beta1, float beta2, float epsilon,
        float weightDecay)
    {
        double biasCorrection1 = 1.0 - Math.Pow(beta1, step);
        double biasCorrection2 = 1.0 - Math.Pow(beta2, step);
        return new AdamStep(
            beta1, beta2, (float)(learningRate / biasCorrection1),
            (float)Math.Sqrt(biasCorrection2), epsilon, weightDecay);
    }

    // Shapes: p, g, m, v (L). The kernel updates p, m and v in place.
    [DeviceKernel]
    internal static void AdamKernel(
        Index1D i, ArrayView<float> p, ArrayView<float> g, ArrayView<float> m,
        ArrayView<float> v, AdamStep s)
    {
        float gradient = g[i] + s.WeightDecay * p[i];
        float first = s.Beta1 * m[i] + (1f - s.Beta1) * gradient;
        float second = s.Beta2 * v[i] + (1f - s.Beta2) * gradient * gradient;
        m[i] = first;
        v[i] = second;
        p[i] -= s.StepSize * first / (MathF.Sqrt(second) / s.BiasCorrection2Sqrt + s.Epsilon);
    }

    private static void RequireDecay(float beta, string name)
    {
        if (!(beta >= 0f && beta < 1f))
        {
            throw new ArgumentOutOfRangeException(
                name, beta, $"Adam: {name} is {beta}, but it must be in [0, 1).");
        }
    }
}
