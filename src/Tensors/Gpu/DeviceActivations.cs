using ILGPU;
using BackwardLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>>;
using LeakyBackwardLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, float>;
using LeakyLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, float>;
using UnaryLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>>;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Activation functions on device tensors and their gradients, each forward kernel beside
/// its backward kernel. All tensors of one call have the same shape, and an output may be
/// the same tensor as an input.
/// </summary>
/// <remarks>
/// The backward passes of tanh and sigmoid take the forward output y, as autodiff keeps
/// it: tanh' = 1 - y^2 and sigmoid' = y (1 - y).
/// </remarks>
public static class DeviceActivations
{
    private static readonly Type Owner = typeof(DeviceActivations);
    private static readonly DeviceKernel<UnaryLauncher> ReluLauncher =
        new(Owner, nameof(ReluKernel));
    private static readonly DeviceKernel<BackwardLauncher> ReluBackwardLauncher =
        new(Owner, nameof(ReluBackwardKernel));
    private static readonly DeviceKernel<LeakyLauncher> LeakyReluLauncher =
        new(Owner, nameof(LeakyReluKernel));
    private static readonly DeviceKernel<LeakyBackwardLauncher> LeakyReluBackwardLauncher =
        new(Owner, nameof(LeakyReluBackwardKernel));
    private static readonly DeviceKernel<UnaryLauncher> TanhLauncher =
        new(Owner, nameof(TanhKernel));
    private static readonly DeviceKernel<BackwardLauncher> TanhBackwardLauncher =
        new(Owner, nameof(TanhBackwardKernel));
    private static readonly DeviceKernel<UnaryLauncher> SigmoidLauncher =
        new(Owner, nameof(SigmoidKernel));
    private static readonly DeviceKernel<BackwardLauncher> SigmoidBackwardLauncher =
        new(Owner, nameof(SigmoidBackwardKernel));

    // ---- ReLU ----------------------------------------------------------------------------

    /// <summary>Computes y = max(x, 0).</summary>
    /// <exception cref="ArgumentException">The shapes or devices differ.</exception>
    public static void Relu(DeviceTensor x, DeviceTensor y)
    {
        CheckPair(nameof(Relu), x, nameof(x), y, nameof(y));
        if (x.Length > 0)
        {
            ComputeDevice device = x.Device;
            ReluLauncher.On(device)(device.Stream, x.Length, x.View, y.View);
        }
    }

    /// <summary>Computes dX = dY where x &gt; 0, else 0.</summary>
    /// <exception cref="ArgumentException">The shapes or devices differ.</exception>
    public static void ReluBackward(DeviceTensor x, DeviceTensor dY, DeviceTensor dX)
    {
        CheckTriple(nameof(ReluBackward), x, nameof(x), dY, nameof(dY), dX, nameof(dX));
        if (x.Length > 0)
        {
            ComputeDevice device = x.Device;
            ReluBackwardLauncher.On(device)(device.Stream, x.Length, x.View, dY.View, dX.View);
        }
    }

    // Shapes: x (L), y (L).
    [DeviceKernel]
    internal static void ReluKernel(Index1D i, ArrayView<float> x, ArrayView<float> y) =>
        y[i] = x[i] > 0f ? x[i] : 0f;

    // Shapes: x (L), dY (L), dX (L).
    [DeviceKernel]
    internal static void ReluBackwardKernel(
        Index1D i, ArrayView<float> x, ArrayView<float> dY, ArrayView<float> dX) =>
        dX[i] = x[i] > 0f ? dY[i] : 0f;

    // ---- Leaky ReLU ----------------------------------------------------------------------

    /// <summary>Computes y = x where x &gt; 0, else slope * x.</summary>
    /// <exception cref="ArgumentException">The shapes or devices differ.</exception>
    public static void LeakyRelu(DeviceTensor x, float slope, DeviceTensor y)
    {
        CheckPair(nameof(LeakyRelu), x, nameof(x), y, nameof(y));
        if (x.Length > 0)
        {
            ComputeDevice device = x.Device;
            LeakyReluLauncher.On(device)(device.Stream, x.Length, x.View, y.View, slope);
        }
    }

    /// <summary>Computes dX = dY where x &gt; 0, else slope * dY.</summary>
    /// <exception cref="ArgumentException">The shapes or devices differ.</exception>
    public static void LeakyReluBackward(
        DeviceTensor x, DeviceTensor dY, float slope, DeviceTensor dX)
    {
        CheckTriple(nameof(LeakyReluBackward), x, nameof(x), dY, nameof(dY), dX, nameof(dX));
        if (x.Length > 0)
        {
            ComputeDevice device = x.Device;
            LeakyReluBackwardLauncher.On(device)(device.Stream, x.Length, x.View, dY.View, dX.View,
                slope);
        }
    }

    // Shapes: x (L), y (L).
    [DeviceKernel]
    internal static void LeakyReluKernel(
        Index1D i, ArrayView<float> x, ArrayView<float> y, float slope) =>
        y[i] = x[i] > 0f ? x[i] : slope * x[i];

    // Shapes: x (L), dY (L), dX (L).
    [DeviceKernel]
    internal static void LeakyReluBackwardKernel(
        Index1D i, ArrayView<float> x, ArrayView<float> dY, ArrayView<float> dX, float slope) =>
        dX[i] = x[i] > 0f ? dY[i] : slope * dY[i];

    // ---- Tanh ----------------------------------------------------------------------------

    /// <summary>Computes y = tanh(x).</summary>
    /// <exception cref="ArgumentException">The shapes or devices differ.</exception>
    public static void Tanh(DeviceTensor x, DeviceTensor y)
    {
        CheckPair(nameof(Tanh), x, nameof(x), y, nameof(y));
        if (x.Length > 0)
        {
            ComputeDevice device = x.Device;
            TanhLauncher.On(device)(device.Stream, x.Length, x.View, y.View);
        }
    }

    /// <summary>Computes dX = dY (1 - y^2) from the forward output y = tanh(x).</summary>
    /// <exception cref="ArgumentException">The shapes or devices differ.</exception>
    public static void TanhBackward(DeviceTensor y, DeviceTensor dY, DeviceTensor dX)
    {
        CheckTriple(nameof(TanhBackward), y, nameof(y), dY, nameof(dY), dX, nameof(dX));
        if (y.Length > 0)
        {
            ComputeDevice device = y.Device;
            TanhBackwardLauncher.On(device)(device.Stream, y.Length, y.View, dY.View, dX.View);
        }
    }

    // Shapes: x (L), y (L).
    [DeviceKernel]
    internal static void TanhKernel(Index1D i, ArrayView<float> x, ArrayView<float> y) =>
        y[i] = AccurateTanh(x[i]);

    /// <summary>
    /// Returns tanh(x) within a few float ulps, in device code. ILGPU 1.5.3 compiles
    /// MathF.Tanh to PTX's tanh.approx.f32, whose relative error reaches 2^-11, so this
    /// uses the Taylor series x - x^3/3 + 2x^5/15 for |x| &lt; 0.05 (truncation error below
    /// 1e-9 relative) and (1 - e^-2|x|) / (1 + e^-2|x|) with the sign of x elsewhere.
    /// </summary>
    internal static float AccurateTanh(float x)
    {
        float magnitude = MathF.Abs(x);
        if (magnitude < 0.05f)
        {
            float square = x * x;
            return x * (1f + square * (-1f / 3f + square * (2f / 15f)));
        }

        float e = MathF.Exp(-2f * magnitude);
        float result = (1f - e) / (1f + e);
        return x < 0f ? -result : result;
    }

    // Shapes: y (L), dY (L), dX (L).
    [DeviceKernel]
    internal static void TanhBackwardKernel(
        Index1D i, ArrayView<float> y, ArrayView<float> dY, ArrayView<float> dX) =>
        dX[i] = dY[i] * (1f - y[i] * y[i]);

    // ---- Sigmoid -------------------------------------------------------------------------

    /// <summary>Computes y = 1 / (1 + e^-x), without overflow for large |x|.</summary>
    /// <exception cref="ArgumentException">The shapes or devices differ.</exception>
    public static void Sigmoid(DeviceTensor x, DeviceTensor y)
    {
        CheckPair(nameof(Sigmoid), x, nameof(x), y, nameof(y));
        if (x.Length > 0)
        {
            ComputeDevice device = x.Device;
            SigmoidLauncher.On(device)(device.Stream, x.Length, x.View, y.View);
        }
    }

    /// <summary>Computes dX = dY y (1 - y) from the forward output y = sigmoid(x).</summary>
    /// <exception cref="ArgumentException">The shapes or devices differ.</exception>
    public static void SigmoidBackward(DeviceTensor y, DeviceTensor dY, DeviceTensor dX)
    {
        CheckTriple(nameof(SigmoidBackward), y, nameof(y), dY, nameof(dY), dX, nameof(dX));
        if (y.Length > 0)
        {
            ComputeDevice device = y.Device;
            SigmoidBackwardLauncher.On(device)(device.Stream, y.Length, y.View, dY.View, dX.View);
        }
    }

    // Shapes: x (L), y (L).
    [DeviceKernel]
    internal static void SigmoidKernel(Index1D i, ArrayView<float> x, ArrayView<float> y) =>
        y[i] = StableSigmoid(x[i]);

    // Shapes: y (L), dY (L), dX (L).
    [DeviceKernel]
    internal static void SigmoidBackwardKernel(
        Index1D i, ArrayView<float> y, ArrayView<float> dY, ArrayView<float> dX) =>
        dX[i] = dY[i] * y[i] * (1f - y[i]);

    /// <summary>
    /// Returns 1 / (1 + e^-x), evaluated through e^-|x| &lt;= 1 so that the exponential
    /// cannot overflow. Device code, also used by the loss kernels.
    /// </summary>
    internal static float StableSigmoid(float x)
    {
        float e = MathF.Exp(-MathF.Abs(x));
        return x >= 0f ? 1f / (1f + e) : e / (1f + e);
    }

    // ---- Checks and launch ---------------------------------------------------------------

    private static void CheckPair(
        string op, DeviceTensor first, string firstName, DeviceTensor second, string secondName)
    {
        DeviceCheck.SameDevice(op, first, firstName, second, secondName);
        DeviceCheck.SameShape(op, first, firstName, second, secondName);
    }

    private static void CheckTriple(
        string op, DeviceTensor first, string firstName, DeviceTensor second, string secondName,
        DeviceTensor third, string thirdName)
    {
        CheckPair(op, first, firstName, second, secondName);
        CheckPair(op, first, firstName, third, thirdName);
    }
}
