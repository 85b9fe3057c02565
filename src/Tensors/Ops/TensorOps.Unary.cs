using System.Numerics.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors;

public static partial class TensorOps
{
    /// <summary>Returns -x.</summary>
    public static Tensor Negate(Tensor x) => x.IsOnDevice
        ? Scale(x, -1f)
        : Map(x, TensorPrimitives.Negate);

    /// <summary>Returns e^x.</summary>
    public static Tensor Exp(Tensor x) => Map(x, TensorPrimitives.Exp);

    /// <summary>Returns the natural logarithm of x.</summary>
    public static Tensor Log(Tensor x) => Map(x, TensorPrimitives.Log);

    /// <summary>Returns tanh(x).</summary>
    public static Tensor Tanh(Tensor x) => x.IsOnDevice
        ? DeviceMap(x, DeviceActivations.Tanh)
        : Map(x, TensorPrimitives.Tanh);

    /// <summary>Returns 1 / (1 + e^-x).</summary>
    public static Tensor Sigmoid(Tensor x) => x.IsOnDevice
        ? DeviceMap(x, DeviceActivations.Sigmoid)
        : Map(x, TensorPrimitives.Sigmoid);

    /// <summary>Returns the square root of x.</summary>
    public static Tensor Sqrt(Tensor x) => Map(x, TensorPrimitives.Sqrt);

    /// <summary>Returns |x|.</summary>
    public static Tensor Abs(Tensor x) => Map(x, TensorPrimitives.Abs);

    /// <summary>Returns max(x, 0).</summary>
    public static Tensor Relu(Tensor x) => x.IsOnDevice
        ? DeviceMap(x, DeviceActivations.Relu)
        : Map(x, (input, output) => TensorPrimitives.Max(input, 0f, output));

    /// <summary>Returns x where x > 0, else slope * x.</summary>
    public static Tensor LeakyRelu(Tensor x, float slope)
    {
        if (x.IsOnDevice)
        {
            return DeviceMap(
                x, (input, output) => DeviceActivations.LeakyRelu(input, slope, output));
        }

        var result = new Tensor(x.Shape);
        ActivationKernels.LeakyRelu(x.Data, slope, result.Data);
        return result;
    }

    /// <summary>Returns x * factor.</summary>
    public static Tensor Scale(Tensor x, float factor) => x.IsOnDevice
        ? DeviceMap(x, (input, output) => DeviceElementwise.Scale(input, factor, output))
        : Map(x, (input, output) => TensorPrimitives.Multiply(input, factor, output));

    /// <summary>Returns x + value.</summary>
    public static Tensor AddScalar(Tensor x, float value) => x.IsOnDevice
        ? DeviceMap(x, (input, output) => DeviceElementwise.AddScalar(input, value, output))
        : Map(x, (input, output) => TensorPrimitives.Add(input, value, output));

    /// <summary>Returns x * x.</summary>
    public static Tensor Square(Tensor x) => x.IsOnDevice
        ? DeviceMap(x, (input, output) => DeviceElementwise.Multiply(input, input, output))
        : Map(x, (input, output) => TensorPrimitives.Multiply(input, input, output));

    /// <summary>Returns x clamped to [min, max].</summary>
    public static Tensor Clamp(Tensor x, float min, float max)
    {
        if (!(min <= max))
        {
            throw new ArgumentException($"Clamp: min {min} must not exceed max {max}.");
        }

        return Map(x, (input, output) =>
        {
            TensorPrimitives.Max(input, min, output);
            TensorPrimitives.Min(output, max, output);
        });
    }

    private delegate void SpanMap(ReadOnlySpan<float> input, Span<float> output);

    private static Tensor Map(Tensor x, SpanMap map)
    {
        var result = new Tensor(x.Shape);
        map(x.Data, result.Data);
        return result;
    }
}
