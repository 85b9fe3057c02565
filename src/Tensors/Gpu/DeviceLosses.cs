using ILGPU;
using ILGPU.Runtime;
using GradientLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, float>;
using DeviceScaledGradientLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, int>;
using LossLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.KernelConfig, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, int>;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Binary cross-entropy on logits with mean reduction, as
/// torch.nn.functional.binary_cross_entropy_with_logits, and its gradient.
/// </summary>
/// <remarks>
/// Each term is max(x, 0) - x y + log(1 + e^-|x|), which equals -(y log sigmoid(x) +
/// (1 - y) log(1 - sigmoid(x))) and stays finite for any finite logit, such as +-1000.
/// </remarks>
public static class DeviceLosses
{
    private static readonly DeviceKernel<LossLauncher> Loss =
        new(typeof(DeviceLosses), nameof(BceWithLogitsKernel));

    private static readonly DeviceKernel<GradientLauncher> Gradient =
        new(typeof(DeviceLosses), nameof(BceWithLogitsBackwardKernel));

    private static readonly DeviceKernel<DeviceScaledGradientLauncher> DeviceScaledGradient =
        new(typeof(DeviceLosses), nameof(BceWithLogitsBackwardDeviceScaleKernel));

    /// <summary>
    /// Computes loss = the mean over elements of the binary cross-entropy of logits x
    /// against targets y. x and y have the same shape, and loss has one element.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The shapes do not match, x is empty, or the devices differ.
    /// </exception>
    public static void BceWithLogits(DeviceTensor logits, DeviceTensor targets, DeviceTensor loss)
    {
        const string Op = nameof(BceWithLogits);
        CheckOperands(Op, logits, targets);
        DeviceCheck.SameDevice(Op, logits, nameof(logits), loss, nameof(loss));
        DeviceCheck.HasLength(Op, loss, nameof(loss), 1);
        ComputeDevice device = logits.Device;
        var config = new KernelConfig(1, GroupReduction.GroupSize);
        Loss.On(device)(device.Stream, config, logits.View, targets.View, loss.View,
            logits.Length);
    }

    /// <summary>
    /// Computes dX = dLoss (sigmoid(x) - y) / L, the gradient of <see cref="BceWithLogits"/>
    /// for an upstream gradient <paramref name="dLoss"/> (1 for the loss itself) and L
    /// elements.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The shapes do not match, x is empty, or the devices differ.
    /// </exception>
    public static void BceWithLogitsBackward(
        DeviceTensor logits, DeviceTensor targets, float dLoss, DeviceTensor dX)
    {
        const string Op = nameof(BceWithLogitsBackward);
        CheckOperands(Op, logits, targets);
        DeviceCheck.SameDevice(Op, logits, nameof(logits), dX, nameof(dX));
        DeviceCheck.SameShape(Op, logits, nameof(logits), dX, nameof(dX));
        ComputeDevice device = logits.Device;
        Gradient.On(device)(device.Stream, logits.Length, logits.View, targets.View, dX.View,
            dLoss / logits.Length);
    }

    /// <summary>
    /// Computes the same gradient as the overload with a float dLoss, reading dLoss from a
    /// one-element device tensor, so that a backward pass does not wait for the device to
    /// copy the upstream gradient to the host.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The shapes do not match, x is empty, dLoss has more than one element, or the
    /// devices differ.
    /// </exception>
    public static void BceWithLogitsBackward(
        DeviceTensor logits, DeviceTensor targets, DeviceTensor dLoss, DeviceTensor dX)
    {
        const string Op = nameof(BceWithLogitsBackward);
        CheckOperands(Op, logits, targets);
        DeviceCheck.SameDevice(Op, logits, nameof(logits), dX, nameof(dX));
        DeviceCheck.SameDevice(Op, logits, nameof(logits), dLoss, nameof(dLoss));
        DeviceCheck.SameShape(Op, logits, nameof(logits), dX, nameof(dX));
        DeviceCheck.HasLength(Op, dLoss, nameof(dLoss), 1);
        ComputeDevice device = logits.Device;
        DeviceScaledGradient.On(device)(device.Stream, logits.Length, logits.View,
            targets.View, dLoss.View, dX.View, logits.Length);
    }

    // Shapes: x (L), y (L), loss (1). Grid: one group of GroupSize threads.
    [DeviceKernel(ExplicitlyGrouped = true)]
    internal static void BceWithLogitsKernel(
        ArrayView<float> x, ArrayView<float> y, ArrayView<float> loss, int length)
    {
        float sum = 0f;
        for (int i = Group.IdxX; i < length; i += GroupReduction.GroupSize)
        {
            float logit = x[i];
            sum += MathF.Max(logit, 0f) - logit * y[i] +
                MathF.Log(1f + MathF.Exp(-MathF.Abs(logit)));
        }

        float total = GroupReduction.Sum(sum);
        if (Group.IsFirstThread)
        {
            loss[0] = total / length;
        }
    }

    // Shapes: x (L), y (L), dX (L); scale = dLoss / L.
    [DeviceKernel]
    internal static void BceWithLogitsBackwardKernel(
        Index1D i, ArrayView<float> x, ArrayView<float> y, ArrayView<float> dX, float scale) =>
        dX[i] = scale * (DeviceActivations.StableSigmoid(x[i]) - y[i]);

    // Shapes: x (L), y (L), dLoss (1), dX (L).
    [DeviceKernel]
    internal static void BceWithLogitsBackwardDeviceScaleKernel(
        Index1D i, ArrayView<float> x, ArrayView<float> y, ArrayView<float> dLoss,
        ArrayView<float> dX, int length) =>
        dX[i] = dLoss[0] / length * (DeviceActivations.StableSigmoid(x[i]) - y[i]);

    private static void CheckOperands(string op, DeviceTensor logits, DeviceTensor targets)
    {
        DeviceCheck.SameDevice(op, logits, nameof(logits), targets, nameof(targets));
        DeviceCheck.SameShape(op, logits, nameof(logits), targets, nameof(targets));
        if (logits.Length == 0)
        {
            throw new ArgumentException(
                $"{op}: logits of shape {logits.Shape} are empty, so the mean is undefined.",
                nameof(logits));
        }
    }
}
