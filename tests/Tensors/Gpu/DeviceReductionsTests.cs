using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Normalization;

namespace NativeGan.Tensors.Tests.Gpu;

[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceReductionsTests(CpuAcceleratorFixture fixture)
{
    private readonly ComputeDevice _device = fixture.Device;

    // Lengths below, at and above the 256 threads of a reduction group.
    public static TheoryData<int> Lengths() => new(1, 7, 255, 257, 64 * 33);

    // (N, C, S): bias gradients of linear layers (S = 1) and of convolutions.
    public static TheoryData<int, int, int> Layouts() =>
        new() { { 7, 13, 1 }, { 1, 1, 1 }, { 3, 5, 63 }, { 2, 3, 35 }, { 64, 2, 17 } };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sum_RandomInput_MatchesCpuAndFloat64(int length)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)length), [length]);
        float cpu = TensorOps.Sum(x).Item();

        float device = Reduce(DeviceReductions.Sum, x);

        double exact = x.Data.Sum(v => (double)v);
        double allowed = 1e-6 * x.Data.Sum(v => Math.Abs((double)v)) + 1e-7;
        Assert.InRange(device, exact - allowed, exact + allowed);
        Assert.InRange(device, cpu - 2 * allowed, cpu + 2 * allowed);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Mean_RandomInput_MatchesCpuAndFloat64(int length)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)length + 1), [length]);
        float cpu = TensorOps.Mean(x).Item();

        float device = Reduce(DeviceReductions.Mean, x);

        double exact = x.Data.Average(v => (double)v);
        double allowed = 1e-6 * x.Data.Average(v => Math.Abs((double)v)) + 1e-7;
        Assert.InRange(device, exact - allowed, exact + allowed);
        Assert.InRange(device, cpu - 2 * allowed, cpu + 2 * allowed);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ChannelSums_RandomInput_MatchesCpuAndFloat64(int batch, int channels, int spatial)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)(batch * channels)), [batch, channels,
            spatial]);
        var cpu = new float[channels];
        ChannelBias.Sum(x.Data, batch, channels, spatial, cpu);
        var exact = new double[channels];
        for (int i = 0; i < x.Length; i++)
        {
            exact[i / spatial % channels] += x.Data[i];
        }

        using DeviceTensor dx = x.ToDevice(_device);
        using DeviceTensor sums = Tensor.Full(float.NaN, channels).ToDevice(_device);
        DeviceReductions.ChannelSums(dx, new BatchNormLayout(batch, channels, spatial), sums);

        double absolute = 1e-6 * batch * spatial;
        DeviceAssert.MatchesBoth(exact, cpu, sums.ToHost().Data, 1e-6, absolute);
    }

    [Fact]
    public void Sum_ResultWithTwoElements_Throws()
    {
        using DeviceTensor x = DeviceTensor.Zeros(_device, 5);
        using DeviceTensor result = DeviceTensor.Zeros(_device, 2);

        var error = Assert.Throws<ArgumentException>(() => DeviceReductions.Sum(x, result));

        Assert.Contains("(2,)", error.Message);
    }

    private float Reduce(Action<DeviceTensor, DeviceTensor> op, Tensor x)
    {
        using DeviceTensor input = x.ToDevice(_device);
        using DeviceTensor result = Tensor.Full(float.NaN, 1).ToDevice(_device);
        op(input, result);
        return result.ToHost().Item();
    }
}
