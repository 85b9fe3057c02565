using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors.Tests.Gpu;

[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceActivationsTests(CpuAcceleratorFixture fixture)
{
    private const float Slope = 0.2f;

    private readonly ComputeDevice _device = fixture.Device;

    public static TheoryData<int[]> Shapes() => new([1], [7, 33], [2, 3, 5, 7]);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Relu_RandomInput_MatchesCpuAndFloat64(int[] shape)
    {
        Tensor x = Input(shape);

        float[] device = Forward(DeviceActivations.Relu, x);

        DeviceAssert.MatchesBoth(Map(x, v => Math.Max(v, 0)), TensorOps.Relu(x).Data, device,
            0, 0);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LeakyRelu_RandomInput_MatchesCpuAndFloat64(int[] shape)
    {
        Tensor x = Input(shape);

        float[] device = Forward((input, output) =>
            DeviceActivations.LeakyRelu(input, Slope, output), x);

        DeviceAssert.MatchesBoth(Map(x, v => v > 0 ? v : (double)Slope * v),
            TensorOps.LeakyRelu(x, Slope).Data, device, 1e-7, 0);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Tanh_RandomInput_MatchesCpuAndFloat64(int[] shape)
    {
        Tensor x = Input(shape);

        float[] device = Forward(DeviceActivations.Tanh, x);

        DeviceAssert.MatchesBoth(Map(x, Math.Tanh), TensorOps.Tanh(x).Data, device, 1e-6, 1e-7);
    }

    [Fact]
    public void Tanh_SmallAndLargeInputs_KeepRelativeAccuracy()
    {
        // Both sides of the series threshold 0.05, tiny values where 1 - e^-2|x| would
        // cancel, and values where tanh saturates.
        Tensor x = Tensor.FromArray(
            [1e-7f, -3e-4f, 0.0499f, -0.0501f, 0.5f, -3f, 9f, -30f, 0f], 9);

        float[] device = Forward(DeviceActivations.Tanh, x);

        TensorAssert.Close(Map(x, Math.Tanh), device, 4e-7, 0);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Sigmoid_RandomInput_MatchesCpuAndFloat64(int[] shape)
    {
        Tensor x = Input(shape);

        float[] device = Forward(DeviceActivations.Sigmoid, x);

        DeviceAssert.MatchesBoth(Map(x, v => 1 / (1 + Math.Exp(-v))), TensorOps.Sigmoid(x).Data,
            device, 1e-6, 1e-7);
    }

    [Fact]
    public void Sigmoid_LargeLogits_StaysFinite()
    {
        Tensor x = Tensor.FromArray([-1000f, -90f, 90f, 1000f], 4);

        float[] device = Forward(DeviceActivations.Sigmoid, x);

        TensorAssert.Close(Map(x, v => 1 / (1 + Math.Exp(-v))), device, 1e-6, 0);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ReluBackward_RandomInput_MatchesCpuAndFloat64(int[] shape)
    {
        (Tensor x, Tensor dY) = (Input(shape), Input(shape, seed: 2));
        var cpu = new float[x.Length];
        ActivationKernels.ReluBackward(x.Data, dY.Data, cpu);

        float[] device = Backward(DeviceActivations.ReluBackward, x, dY);

        double[] exact = x.Data.Select((v, i) => v > 0 ? (double)dY.Data[i] : 0).ToArray();
        DeviceAssert.MatchesBoth(exact, cpu, device, 0, 0);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LeakyReluBackward_RandomInput_MatchesCpuAndFloat64(int[] shape)
    {
        (Tensor x, Tensor dY) = (Input(shape), Input(shape, seed: 2));
        var cpu = new float[x.Length];
        ActivationKernels.LeakyReluBackward(x.Data, dY.Data, Slope, cpu);

        float[] device = Backward((input, gradient, result) =>
            DeviceActivations.LeakyReluBackward(input, gradient, Slope, result), x, dY);

        double[] exact = x.Data
            .Select((v, i) => v > 0 ? dY.Data[i] : (double)Slope * dY.Data[i]).ToArray();
        DeviceAssert.MatchesBoth(exact, cpu, device, 1e-7, 0);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TanhBackward_RandomOutput_MatchesFloat64(int[] shape)
    {
        Tensor y = TensorOps.Tanh(Input(shape));
        Tensor dY = Input(shape, seed: 2);

        float[] device = Backward(DeviceActivations.TanhBackward, y, dY);

        double[] exact = y.Data.Select((v, i) => dY.Data[i] * (1 - (double)v * v)).ToArray();
        TensorAssert.Close(exact, device, 1e-6, 1e-7);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SigmoidBackward_RandomOutput_MatchesFloat64(int[] shape)
    {
        Tensor y = TensorOps.Sigmoid(Input(shape));
        Tensor dY = Input(shape, seed: 2);

        float[] device = Backward(DeviceActivations.SigmoidBackward, y, dY);

        double[] exact = y.Data.Select((v, i) => dY.Data[i] * (double)v * (1 - v)).ToArray();
        TensorAssert.Close(exact, device, 1e-6, 1e-7);
    }

    [Fact]
    public void Relu_ShapesDiffer_Throws()
    {
        using DeviceTensor x = DeviceTensor.Zeros(_device, 3, 4);
        using DeviceTensor y = DeviceTensor.Zeros(_device, 4, 3);

        var error = Assert.Throws<ArgumentException>(() => DeviceActivations.Relu(x, y));

        Assert.Contains("(3, 4)", error.Message);
        Assert.Contains("(4, 3)", error.Message);
    }

    private static Tensor Input(int[] shape, ulong seed = 1) =>
        RandomTensors.Uniform(new Rng(seed * 1000 + (ulong)shape.Sum()), shape, -4f, 4f);

    private static double[] Map(Tensor x, Func<double, double> f) =>
        x.Data.Select(v => f(v)).ToArray();

    private float[] Forward(Action<DeviceTensor, DeviceTensor> op, Tensor x)
    {
        using DeviceTensor input = x.ToDevice(_device);
        using DeviceTensor output = Tensor.Full(float.NaN, x.Shape.ToArray()).ToDevice(_device);
        op(input, output);
        return output.ToHost().Data;
    }

    private float[] Backward(
        Action<DeviceTensor, DeviceTensor, DeviceTensor> op, Tensor saved, Tensor dY)
    {
        using DeviceTensor input = saved.ToDevice(_device);
        using DeviceTensor gradient = dY.ToDevice(_device);
        using DeviceTensor result = Tensor.Full(float.NaN, saved.Shape.ToArray())
            .ToDevice(_device);
        op(input, gradient, result);
        return result.ToHost().Data;
    }
}
