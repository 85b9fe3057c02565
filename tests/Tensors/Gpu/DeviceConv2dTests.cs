using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Tests.Convolution;

namespace NativeGan.Tensors.Tests.Gpu;

[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceConv2dTests(CpuAcceleratorFixture fixture)
{
    // Odd sizes and every index path of im2col and col2im: strides, padding wider than the
    // kernel, dilation, asymmetric pairs, 1 x 1 kernels and a kernel covering the input.
    private static readonly ConvCase[] Cases =
    [
        new("odd sizes k3 s2 p1 d2", 3, 5, 7, 9, 4, 3, 2, 1, 2),
        new("asymmetric pairs", 2, 3, 8, 6, 5, (3, 2), (2, 1), (1, 0), (1, 2)),
        new("1x1 kernel", 2, 4, 5, 3, 3, 1, 1, 0, 1),
        new("padding above kernel", 2, 2, 3, 4, 3, 2, 1, 2, 1),
        new("whole input", 3, 6, 3, 4, 5, (3, 4), 1, 0, 1),
        new("D2-like Conv(6,7,k4,s2,p1) 14", 2, 6, 14, 14, 7, 4, 2, 1, 1),
    ];

    private readonly ComputeDevice _device = fixture.Device;

    public static TheoryData<string> CaseNames() => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_Case_MatchesCpuAndFloat64(string name)
    {
        ConvCase c = Find(name);
        var rng = new Rng(21);
        Conv2dGeometry g = Conv2dKernelTests.Geometry(c);
        Tensor x = RandomTensors.Uniform(rng, c.InputShape);
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        Tensor bias = RandomTensors.Uniform(rng, [c.OutChannels]);
        var cpu = new Tensor(g.OutputShape);
        Conv2dKernels.Forward(g, x.Data, w.Data, bias.Data, cpu.Data);

        using DeviceTensor dx = x.ToDevice(_device);
        using DeviceTensor dw = w.ToDevice(_device);
        using DeviceTensor db = bias.ToDevice(_device);
        using DeviceTensor dy = Tensor.Full(float.NaN, g.OutputShape.ToArray()).ToDevice(_device);
        DeviceConv2d.Forward(g, dx, dw, db, dy);

        AssertBoth(ConvReference.Conv2dForward(c, x, w, bias), cpu.Data, dy.ToHost().Data,
            g.ReceptiveFieldSize + 1);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardInput_Case_MatchesCpuAndFloat64(string name)
    {
        ConvCase c = Find(name);
        var rng = new Rng(22);
        Conv2dGeometry g = Conv2dKernelTests.Geometry(c);
        Tensor dY = RandomTensors.Uniform(rng, g.OutputShape.ToArray());
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        var cpu = new Tensor(g.InputShape);
        Conv2dKernels.BackwardInput(g, dY.Data, w.Data, cpu.Data);

        using DeviceTensor ddY = dY.ToDevice(_device);
        using DeviceTensor dw = w.ToDevice(_device);
        using DeviceTensor ddX = Tensor.Full(float.NaN, c.InputShape).ToDevice(_device);
        DeviceConv2d.BackwardInput(g, ddY, dw, ddX);

        long terms = (long)c.OutChannels * c.Kernel.Height * c.Kernel.Width;
        AssertBoth(ConvReference.Conv2dBackwardInput(c, dY, w), cpu.Data, ddX.ToHost().Data,
            terms);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardWeight_Case_MatchesCpuAndFloat64(string name)
    {
        ConvCase c = Find(name);
        var rng = new Rng(23);
        Conv2dGeometry g = Conv2dKernelTests.Geometry(c);
        Tensor x = RandomTensors.Uniform(rng, c.InputShape);
        Tensor dY = RandomTensors.Uniform(rng, g.OutputShape.ToArray());
        var cpu = new Tensor(g.WeightShape);
        Conv2dKernels.BackwardWeight(g, x.Data, dY.Data, cpu.Data);

        using DeviceTensor dx = x.ToDevice(_device);
        using DeviceTensor ddY = dY.ToDevice(_device);
        using DeviceTensor ddW = Tensor.Full(float.NaN, g.WeightShape.ToArray())
            .ToDevice(_device);
        DeviceConv2d.BackwardWeight(g, dx, ddY, ddW);

        long terms = (long)c.Batch * g.OutPlaneSize;
        AssertBoth(ConvReference.Conv2dBackwardWeight(c, x, dY), cpu.Data, ddW.ToHost().Data,
            terms);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardBias_Case_MatchesCpuAndFloat64(string name)
    {
        ConvCase c = Find(name);
        Conv2dGeometry g = Conv2dKernelTests.Geometry(c);
        Tensor dY = RandomTensors.Uniform(new Rng(24), g.OutputShape.ToArray());
        var cpu = new Tensor(c.OutChannels);
        Conv2dKernels.BackwardBias(g, dY.Data, cpu.Data);

        using DeviceTensor ddY = dY.ToDevice(_device);
        using DeviceTensor ddB = Tensor.Full(float.NaN, c.OutChannels).ToDevice(_device);
        DeviceConv2d.BackwardBias(g, ddY, ddB);

        long terms = (long)c.Batch * g.OutPlaneSize;
        AssertBoth(ConvReference.BiasGradient(dY), cpu.Data, ddB.ToHost().Data, terms);
    }

    [Fact]
    public void BackwardWeight_EmptyBatch_GivesZero()
    {
        Conv2dGeometry g = Conv2dGeometry.ForConv2d(
            new Shape(0, 2, 5, 5), new Shape(3, 2, 3, 3), 1, 1, 1);
        using DeviceTensor x = DeviceTensor.Zeros(_device, g.InputShape);
        using DeviceTensor dY = DeviceTensor.Zeros(_device, g.OutputShape);
        using DeviceTensor dW = Tensor.Full(float.NaN, 3, 2, 3, 3).ToDevice(_device);

        DeviceConv2d.BackwardWeight(g, x, dY, dW);

        Assert.All(dW.ToHost().Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Forward_WrongWeightShape_Throws()
    {
        Conv2dGeometry g = Conv2dGeometry.ForConv2d(
            new Shape(1, 2, 5, 5), new Shape(3, 2, 3, 3), 1, 1, 1);
        using DeviceTensor x = DeviceTensor.Zeros(_device, g.InputShape);
        using DeviceTensor w = DeviceTensor.Zeros(_device, 3, 1, 3, 3);
        using DeviceTensor y = DeviceTensor.Zeros(_device, g.OutputShape);

        var error = Assert.Throws<ArgumentException>(
            () => DeviceConv2d.Forward(g, x, w, null, y));

        Assert.Contains("(3, 1, 3, 3)", error.Message);
        Assert.Contains("(3, 2, 3, 3)", error.Message);
    }

    /// <summary>
    /// Asserts that the device result is within the float32 bound of the float64 reference
    /// and within twice that bound of the CPU kernel, which has its own rounding errors.
    /// </summary>
    internal static void AssertBoth(
        ConvReference.Result reference, float[] cpu, float[] device, long terms)
    {
        ConvAssert.Close(reference, device, terms);
        var cpuReference = new ConvReference.Result(
            DeviceAssert.ToDouble(cpu), reference.Magnitude.Select(m => 2 * m).ToArray());
        ConvAssert.Close(cpuReference, device, terms);
    }

    private static ConvCase Find(string name) => Cases.Single(c => c.Name == name);
}
