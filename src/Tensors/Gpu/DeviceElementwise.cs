using ILGPU;
using ILGPU.Runtime;
using BinaryLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, NativeGan.Tensors.Gpu.BroadcastLayout>;
using ScaleLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, float>;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Elementwise arithmetic on device tensors: result = a op b, where b has a's shape or
/// broadcasts onto it as a scalar, a row vector (a bias of shape (F) for (N, F)) or a
/// per-channel vector (shape (C, 1, 1) for (N, C, H, W)). Also scaling by a constant.
/// </summary>
/// <remarks>
/// The result has a's shape and may be the same tensor as a or b (in-place update), since
/// each element is read and written by one thread.
/// </remarks>
public static class DeviceElementwise
{
    private static readonly DeviceKernel<BinaryLauncher> AddLauncher =
        new(typeof(DeviceElementwise), nameof(AddKernel));

    private static readonly DeviceKernel<BinaryLauncher> SubtractLauncher =
        new(typeof(DeviceElementwise), nameof(SubtractKernel));

    private static readonly DeviceKernel<BinaryLauncher> MultiplyLauncher =
        new(typeof(DeviceElementwise), nameof(MultiplyKernel));

    private static readonly DeviceKernel<BinaryLauncher> DivideLauncher =
        new(typeof(DeviceElementwise), nameof(DivideKernel));

    private static readonly DeviceKernel<ScaleLauncher> ScaleLauncherKernel =
        new(typeof(DeviceElementwise), nameof(ScaleKernel));

    private static readonly DeviceKernel<ScaleLauncher> AddScalarLauncher =
        new(typeof(DeviceElementwise), nameof(AddScalarKernel));

    /// <summary>Computes result = a + b, with b broadcast onto a's shape.</summary>
    /// <exception cref="ArgumentException">
    /// b does not broadcast onto a, result does not have a's shape, or the devices differ.
    /// </exception>
    public static void Add(DeviceTensor a, DeviceTensor b, DeviceTensor result) =>
        Binary(AddLauncher, nameof(Add), a, b, result);

    /// <summary>Computes result = a - b, with b broadcast onto a's shape.</summary>
    /// <exception cref="ArgumentException">See <see cref="Add"/>.</exception>
    public static void Subtract(DeviceTensor a, DeviceTensor b, DeviceTensor result) =>
        Binary(SubtractLauncher, nameof(Subtract), a, b, result);

    /// <summary>Computes result = a * b, with b broadcast onto a's shape.</summary>
    /// <exception cref="ArgumentException">See <see cref="Add"/>.</exception>
    public static void Multiply(DeviceTensor a, DeviceTensor b, DeviceTensor result) =>
        Binary(MultiplyLauncher, nameof(Multiply), a, b, result);

    /// <summary>Computes result = a / b, with b broadcast onto a's shape.</summary>
    /// <exception cref="ArgumentException">
    /// b does not broadcast onto a, result does not have a's shape, or the devices differ.
    /// </exception>
    public static void Divide(DeviceTensor a, DeviceTensor b, DeviceTensor result) =>
        Binary(DivideLauncher, nameof(Divide), a, b, result);

    /// <summary>Computes y = x + value, where x and y may be the same tensor.</summary>
    /// <exception cref="ArgumentException">The shapes or devices differ.</exception>
    public static void AddScalar(DeviceTensor x, float value, DeviceTensor y)
    {
        DeviceCheck.SameDevice(nameof(AddScalar), x, nameof(x), y, nameof(y));
        DeviceCheck.SameShape(nameof(AddScalar), x, nameof(x), y, nameof(y));
        if (x.Length > 0)
        {
            AddScalarLauncher.On(x.Device)(x.Device.Stream, x.Length, x.View, y.View, value);
        }
    }

    /// <summary>Computes y = factor * x, where x and y may be the same tensor.</summary>
    /// <exception cref="ArgumentException">The shapes or devices differ.</exception>
    public static void Scale(DeviceTensor x, float factor, DeviceTensor y)
    {
        DeviceCheck.SameDevice(nameof(Scale), x, nameof(x), y, nameof(y));
        DeviceCheck.SameShape(nameof(Scale), x, nameof(x), y, nameof(y));
        if (x.Length > 0)
        {
            ScaleLauncherKernel.On(x.Device)(x.Device.Stream, x.Length, x.View, y.View, factor);
        }
    }

    /// <summary>
    /// Queues result = a + b on views, with b indexed through <paramref name="layout"/>.
    /// The caller has checked the lengths.
    /// </summary>
    internal static void AddViews(
        ComputeDevice device, ArrayView<float> a, ArrayView<float> b, ArrayView<float> result,
        BroadcastLayout layout)
    {
        if (a.Length > 0)
        {
            AddLauncher.On(device)(device.Stream, (int)a.Length, a, b, result, layout);
        }
    }

    // Shapes: a (L), b (layout.Period), result (L).
    [DeviceKernel]
    internal static void AddKernel(
        Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> result,
        BroadcastLayout layout) =>
        result[i] = a[i] + b[layout.Index(i)];

    // Shapes: a (L), b (layout.Period), result (L).
    [DeviceKernel]
    internal static void SubtractKernel(
        Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> result,
        BroadcastLayout layout) =>
        result[i] = a[i] - b[layout.Index(i)];

    // Shapes: a (L), b (layout.Period), result (L).
    [DeviceKernel]
    internal static void MultiplyKernel(
        Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> result,
        BroadcastLayout layout) =>
        result[i] = a[i] * b[layout.Index(i)];

    // Shapes: a (L), b (layout.Period), result (L).
    [DeviceKernel]
    internal static void DivideKernel(
        Index1D i, ArrayView<float> a, ArrayView<float> b, ArrayView<float> result,
        BroadcastLayout layout) =>
        result[i] = a[i] / b[layout.Index(i)];

    // Shapes: x (L), y (L).
    [DeviceKernel]
    internal static void AddScalarKernel(Index1D i, ArrayView<float> x, ArrayView<float> y,
        float value) =>
        y[i] = x[i] + value;

    // Shapes: x (L), y (L).
    [DeviceKernel]
    internal static void ScaleKernel(Index1D i, ArrayView<float> x, ArrayView<float> y,
        float factor) =>
        y[i] = factor * x[i];

    private static void Binary(
        DeviceKernel<BinaryLauncher> kernel, string op, DeviceTensor a, DeviceTensor b,
        DeviceTensor result)
    {
        DeviceCheck.SameDevice(op, (a, nameof(a)), (b, nameof(b)), (result, nameof(result)));
        DeviceCheck.HasShape(op, result, nameof(result), a.Shape);
        BroadcastLayout layout = BroadcastLayout.For(a.Shape, b.Shape, op);
        if (a.Length > 0)
        {
            ComputeDevice device = a.Device;
            kernel.On(device)(device.Stream, a.Length, a.View, b.View, result.View, layout);
        }
    }
}
