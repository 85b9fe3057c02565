using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors.Tests.Gpu;

[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceElementwiseTests(CpuAcceleratorFixture fixture)
{
    private readonly ComputeDevice _device = fixture.Device;

    // (op, a shape, b shape): same shape, a bias row vector, a per-channel (C, 1, 1), a
    // column (N, 1), a one-element tensor and a rank-0 scalar.
    public static TheoryData<TensorOps.BinaryOp, int[], int[]> Cases()
    {
        var data = new TheoryData<TensorOps.BinaryOp, int[], int[]>();
        int[][][] shapes =
        [
            [[7, 33], [7, 33]],
            [[7, 33], [33]],
            [[2, 3, 5, 7], [3, 1, 1]],
            [[5, 7], [5, 1]],
            [[1, 64], [1]],
            [[3, 7], []],
        ];
        TensorOps.BinaryOp[] ops =
            [TensorOps.BinaryOp.Add, TensorOps.BinaryOp.Subtract, TensorOps.BinaryOp.Multiply];
        foreach (TensorOps.BinaryOp op in ops)
        {
            foreach (int[][] pair in shapes)
            {
                data.Add(op, pair[0], pair[1]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Binary_Broadcast_MatchesCpuAndFloat64(TensorOps.BinaryOp op, int[] aShape,
        int[] bShape)
    {
        var rng = new Rng((ulong)(aShape.Sum() * 31 + bShape.Length));
        Tensor a = RandomTensors.Uniform(rng, aShape);
        Tensor b = RandomTensors.Uniform(rng, bShape);
        Tensor cpu = TensorOps.Binary(op, a, b);
        Func<double, double, double> exact = op switch
        {
            TensorOps.BinaryOp.Add => (x, y) => x + y,
            TensorOps.BinaryOp.Subtract => (x, y) => x - y,
            _ => (x, y) => x * y,
        };

        using DeviceTensor da = a.ToDevice(_device);
        using DeviceTensor db = b.ToDevice(_device);
        using DeviceTensor result = DeviceTensor.Zeros(_device, a.Shape);
        Action<DeviceTensor, DeviceTensor, DeviceTensor> run = op switch
        {
            TensorOps.BinaryOp.Add => DeviceElementwise.Add,
            TensorOps.BinaryOp.Subtract => DeviceElementwise.Subtract,
            _ => DeviceElementwise.Multiply,
        };
        run(da, db, result);

        DeviceAssert.MatchesBoth(Float64Reference.Binary(a, b, exact), cpu.Data,
            result.ToHost().Data, 1e-6, 1e-6);
    }

    [Fact]
    public void Add_ResultIsFirstOperand_UpdatesInPlace()
    {
        var rng = new Rng(5);
        Tensor a = RandomTensors.Uniform(rng, [4, 9]);
        Tensor bias = RandomTensors.Uniform(rng, [9]);
        using DeviceTensor da = a.ToDevice(_device);
        using DeviceTensor db = bias.ToDevice(_device);

        DeviceElementwise.Add(da, db, da);

        TensorAssert.Close(Float64Reference.Binary(a, bias, (x, y) => x + y), da.ToHost().Data);
    }

    [Fact]
    public void Add_NoBroadcast_Throws()
    {
        using DeviceTensor a = DeviceTensor.Zeros(_device, 7, 33);
        using DeviceTensor b = DeviceTensor.Zeros(_device, 7);
        using DeviceTensor result = DeviceTensor.Zeros(_device, 7, 33);

        var error = Assert.Throws<ArgumentException>(() => DeviceElementwise.Add(a, b, result));

        Assert.Contains("(7, 33)", error.Message);
        Assert.Contains("(7,)", error.Message);
    }

    [Fact]
    public void Add_PerChannelWithGapInRun_Throws()
    {
        // (3, 1, 7) onto (2, 3, 5, 7) needs two separate runs, which one period cannot map.
        using DeviceTensor a = DeviceTensor.Zeros(_device, 2, 3, 5, 7);
        using DeviceTensor b = DeviceTensor.Zeros(_device, 3, 1, 7);
        using DeviceTensor result = DeviceTensor.Zeros(_device, 2, 3, 5, 7);

        Assert.Throws<ArgumentException>(() => DeviceElementwise.Add(a, b, result));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(33)]
    [InlineData(64)]
    public void Scale_RandomInput_MatchesCpuAndFloat64(int length)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)length), [length]);
        Tensor cpu = TensorOps.Scale(x, -0.37f);
        using DeviceTensor dx = x.ToDevice(_device);
        using DeviceTensor y = DeviceTensor.Zeros(_device, length);

        DeviceElementwise.Scale(dx, -0.37f, y);

        double[] exact = x.Data.Select(v => (double)(-0.37f) * v).ToArray();
        DeviceAssert.MatchesBoth(exact, cpu.Data, y.ToHost().Data, 1e-6, 1e-7);
    }
}
