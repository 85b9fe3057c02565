using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors.Tests.Gpu;

// TensorOps on device tensors, which dispatch to the device kernels, against the same op on
// host tensors and a float64 reference, on random inputs of odd sizes.
[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceTensorOpsTests(CpuAcceleratorFixture fixture)
{
    // Float32 sums in another order than the host's: the error grows with the number of
    // terms (at most 300 here) times the magnitude of the inputs (at most 2).
    private const double SumRelative = 1e-5;
    private const double SumAbsolute = 1e-4;

    // Each unary op on tensors, with its float64 reference.
    private static readonly Dictionary<string, UnaryCase> UnaryOps = new()
    {
        ["Negate"] = new(TensorOps.Negate, v => -v),
        ["Scale"] = new(x => TensorOps.Scale(x, -0.37f), v => (double)-0.37f * v),
        ["AddScalar"] = new(x => TensorOps.AddScalar(x, 1.625f), v => v + 1.625),
        ["Square"] = new(TensorOps.Square, v => v * v),
        ["Relu"] = new(TensorOps.Relu, v => Math.Max(v, 0)),
        ["LeakyRelu"] = new(x => TensorOps.LeakyRelu(x, 0.2f), v => v > 0 ? v : (double)0.2f * v),
        ["Tanh"] = new(TensorOps.Tanh, Math.Tanh),
        ["Sigmoid"] = new(TensorOps.Sigmoid, v => 1 / (1 + Math.Exp(-v))),
    };

    private readonly ComputeDevice _device = fixture.Device;

    private sealed record UnaryCase(Func<Tensor, Tensor> Op, Func<double, double> Exact);

    // (op, a shape, b shape): b the same shape, a row vector, a column (5, 1) onto (3, 5, 7)
    // and a rank-0 scalar.
    public static TheoryData<TensorOps.BinaryOp, int[], int[]> SecondBroadcastCases()
    {
        int[][][] shapes =
        [
            [[7, 33], [7, 33]],
            [[3, 5, 7], [3, 5, 7]],
            [[7, 33], [33]],
            [[3, 5, 7], [5, 1]],
            [[3, 5, 7], []],
        ];
        var data = new TheoryData<TensorOps.BinaryOp, int[], int[]>();
        foreach (TensorOps.BinaryOp op in Enum.GetValues<TensorOps.BinaryOp>())
        {
            foreach (int[][] pair in shapes)
            {
                data.Add(op, pair[0], pair[1]);
            }
        }

        return data;
    }

    // (op, a shape, b shape) where a is the smaller operand, scalars on the left included.
    public static TheoryData<TensorOps.BinaryOp, int[], int[]> FirstBroadcastCases()
    {
        int[][][] shapes =
        [
            [[33], [7, 33]],
            [[5, 1], [3, 5, 7]],
            [[], [3, 5, 7]],
            [[1], [7, 33]],
        ];
        TensorOps.BinaryOp[] ops =
            [TensorOps.BinaryOp.Add, TensorOps.BinaryOp.Subtract, TensorOps.BinaryOp.Multiply];
        var data = new TheoryData<TensorOps.BinaryOp, int[], int[]>();
        foreach (TensorOps.BinaryOp op in ops)
        {
            foreach (int[][] pair in shapes)
            {
                data.Add(op, pair[0], pair[1]);
            }
        }

        return data;
    }

    public static TheoryData<string, int[]> UnaryCases()
    {
        var data = new TheoryData<string, int[]>();
        foreach (string op in UnaryOps.Keys)
        {
            data.Add(op, [7, 33]);
            data.Add(op, [3, 5, 7]);
        }

        return data;
    }

    // (shape, axis): the first and the last axis of ranks 1 to 3, negative axes included.
    // The outputs stay small, because the CPU accelerator runs one group of 256 threads per
    // output element.
    public static TheoryData<int[], int> SumAxisCases() => new()
    {
        { [7, 2, 3], 0 },
        { [2, 3, 7], 2 },
        { [2, 3, 7], -1 },
        { [9, 5], 0 },
        { [5, 9], 1 },
        { [9], 0 },
    };

    // (x shape, target shape): a bias (C) and (1, C), a per-channel (C, 1, 1), columns,
    // scalars of rank 0 to 3, and the same shape.
    public static TheoryData<int[], int[]> SumToCases() => new()
    {
        { [9, 5], [5] },
        { [9, 5], [1, 5] },
        { [5, 9], [5, 1] },
        { [2, 3, 5, 7], [3, 1, 1] },
        { [2, 3, 5, 7], [1, 3, 1, 1] },
        { [3, 5, 7], [5, 1] },
        { [3, 5, 7], [] },
        { [3, 5, 7], [1] },
        { [3, 5, 7], [1, 1, 1] },
        { [2, 3, 5], [2, 3, 5] },
    };

    public static TheoryData<bool, bool> Transposes() => new()
    {
        { false, false },
        { false, true },
        { true, false },
        { true, true },
    };

    [Theory]
    [MemberData(nameof(SecondBroadcastCases))]
    public void Binary_SecondBroadcast_MatchesCpuAndFloat64(
        TensorOps.BinaryOp op, int[] aShape, int[] bShape)
    {
        var rng = new Rng((ulong)(aShape.Sum() * 31 + bShape.Length * 7 + (int)op));
        Tensor a = RandomTensors.Uniform(rng, aShape);
        Tensor b = op == TensorOps.BinaryOp.Divide
            ? RandomTensors.AwayFromZero(rng, bShape)
            : RandomTensors.Uniform(rng, bShape);

        AssertBinaryMatches(op, a, b);
    }

    [Theory]
    [MemberData(nameof(FirstBroadcastCases))]
    public void Binary_FirstBroadcast_MatchesCpuAndFloat64(
        TensorOps.BinaryOp op, int[] aShape, int[] bShape)
    {
        var rng = new Rng((ulong)(aShape.Sum() * 17 + bShape.Sum() + (int)op));
        Tensor a = RandomTensors.Uniform(rng, aShape);
        Tensor b = RandomTensors.Uniform(rng, bShape);

        AssertBinaryMatches(op, a, b);
    }

    [Fact]
    public void Binary_ResultIsFirstOperand_AddsInPlace()
    {
        var rng = new Rng(12);
        Tensor x = RandomTensors.Uniform(rng, [7, 33]);
        Tensor bias = RandomTensors.Uniform(rng, [33]);
        Tensor dx = x.To(_device);

        TensorOps.Binary(TensorOps.BinaryOp.Add, dx, bias.To(_device), dx);

        TensorAssert.Close(Float64Reference.Binary(x, bias, (p, q) => p + q), Host(dx));
    }

    [Fact]
    public void Binary_ResultIsSecondOperand_SubtractsInPlace()
    {
        var rng = new Rng(13);
        Tensor column = RandomTensors.Uniform(rng, [5, 1]);
        Tensor x = RandomTensors.Uniform(rng, [3, 5, 7]);
        Tensor dx = x.To(_device);

        TensorOps.Binary(TensorOps.BinaryOp.Subtract, column.To(_device), dx, dx);

        TensorAssert.Close(Float64Reference.Binary(column, x, (p, q) => p - q), Host(dx));
    }

    [Fact]
    public void Divide_FirstBroadcast_ThrowsNotSupported()
    {
        Tensor a = Tensor.Full(_device, 1f, new Shape(33));
        Tensor b = Tensor.Full(_device, 2f, new Shape(7, 33));

        var error = Assert.Throws<NotSupportedException>(() => TensorOps.Divide(a, b));

        Assert.Contains("(33,)", error.Message);
    }

    // The CPU computes these NumPy broadcasts, but a device kernel maps the smaller operand
    // with one period and one inner run, and only the first operand may be the larger one.
    [Theory]
    [InlineData(new[] { 5, 1 }, new[] { 1, 7 })]
    [InlineData(new[] { 2, 3, 5, 7 }, new[] { 3, 1, 7 })]
    public void Add_LayoutWithoutDeviceKernel_ThrowsNotSupported(int[] aShape, int[] bShape)
    {
        Tensor a = Tensor.Zeros(_device, new Shape(aShape));
        Tensor b = Tensor.Zeros(_device, new Shape(bShape));

        Assert.Throws<NotSupportedException>(() => TensorOps.Add(a, b));
    }

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_RandomInput_MatchesCpuAndFloat64(string op, int[] shape)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)(shape.Sum() + op.Length)), shape);
        UnaryCase unary = UnaryOps[op];
        Tensor cpu = unary.Op(x);

        Tensor device = unary.Op(x.To(_device));

        Assert.True(device.IsOnDevice);
        Assert.Equal(x.Shape, device.Shape);
        double[] expected = x.Data.Select(v => unary.Exact(v)).ToArray();
        DeviceAssert.MatchesBoth(expected, cpu.Data, Host(device), 1e-6, 1e-6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(231)]
    [InlineData(300)]
    public void Sum_WholeTensor_MatchesCpuAndFloat64(int length)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)length), [length]);
        Tensor cpu = TensorOps.Sum(x);

        Tensor device = TensorOps.Sum(x.To(_device));

        Assert.True(device.IsOnDevice);
        Assert.Equal(0, device.Rank);
        double exact = x.Data.Sum(v => (double)v);
        DeviceAssert.MatchesBoth([exact], cpu.Data, Host(device), SumRelative, SumAbsolute);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(231)]
    [InlineData(300)]
    public void Mean_WholeTensor_MatchesCpuAndFloat64(int length)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)length + 5), [length]);
        Tensor cpu = TensorOps.Mean(x);

        Tensor device = TensorOps.Mean(x.To(_device));

        Assert.Equal(0, device.Rank);
        double exact = x.Data.Average(v => (double)v);
        DeviceAssert.MatchesBoth([exact], cpu.Data, Host(device), 1e-6, 1e-6);
    }

    [Theory]
    [MemberData(nameof(SumAxisCases))]
    public void SumAxis_KeepDims_MatchesCpuAndFloat64(int[] shape, int axis)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)(shape.Sum() + axis + 10)), shape);
        Tensor cpu = TensorOps.Sum(x, axis, keepDims: true);

        Tensor device = TensorOps.Sum(x.To(_device), axis, keepDims: true);

        Assert.Equal(cpu.Shape, device.Shape);
        int normalized = axis < 0 ? axis + shape.Length : axis;
        DeviceAssert.MatchesBoth(Float64Reference.SumAxis(x, normalized), cpu.Data,
            Host(device), SumRelative, SumAbsolute);
    }

    [Theory]
    [MemberData(nameof(SumAxisCases))]
    public void SumAxis_DropDims_MatchesCpuAndFloat64(int[] shape, int axis)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)(shape.Sum() + axis + 20)), shape);
        Tensor cpu = TensorOps.Sum(x, axis);

        Tensor device = TensorOps.Sum(x.To(_device), axis);

        Assert.Equal(cpu.Shape, device.Shape);
        Assert.Equal(shape.Length - 1, device.Rank);
        int normalized = axis < 0 ? axis + shape.Length : axis;
        DeviceAssert.MatchesBoth(Float64Reference.SumAxis(x, normalized), cpu.Data,
            Host(device), SumRelative, SumAbsolute);
    }

    [Fact]
    public void SumAxis_MiddleAxis_ThrowsNotSupported()
    {
        Tensor x = Tensor.Zeros(_device, new Shape(3, 5, 7));

        var error = Assert.Throws<NotSupportedException>(() => TensorOps.Sum(x, 1));

        Assert.Contains("(3, 5, 7)", error.Message);
    }

    [Theory]
    [MemberData(nameof(SumToCases))]
    public void SumTo_Target_MatchesCpuAndFloat64(int[] shape, int[] target)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)(shape.Sum() * 3 + target.Sum())), shape);
        Tensor cpu = TensorOps.SumTo(x, new Shape(target));

        Tensor device = TensorOps.SumTo(x.To(_device), new Shape(target));

        Assert.True(device.IsOnDevice);
        Assert.Equal(new Shape(target), device.Shape);
        DeviceAssert.MatchesBoth(Float64Reference.SumTo(x, target), cpu.Data, Host(device),
            SumRelative, SumAbsolute);
    }

    [Fact]
    public void SumTo_UnsupportedTarget_Throws()
    {
        Tensor x = Tensor.Zeros(_device, new Shape(2, 3, 5, 7));

        Assert.Throws<NotSupportedException>(() => TensorOps.SumTo(x, new Shape(3, 1, 7)));
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void MatMul_Transposes_MatchesCpuAndFloat64(bool transposeA, bool transposeB)
    {
        const int M = 5, K = 9, N = 7;
        var rng = new Rng(40 + (transposeA ? 2UL : 0UL) + (transposeB ? 1UL : 0UL));
        Tensor a = RandomTensors.Uniform(rng, transposeA ? [K, M] : [M, K]);
        Tensor b = RandomTensors.Uniform(rng, transposeB ? [N, K] : [K, N]);
        Tensor cpu = TensorOps.MatMul(a, b, transposeA, transposeB);

        Tensor device = TensorOps.MatMul(a.To(_device), b.To(_device), transposeA, transposeB);

        Assert.True(device.IsOnDevice);
        Assert.Equal(new Shape(M, N), device.Shape);
        double[] exact = Float64Reference.MatMul(a.Data, b.Data, M, N, K, transposeA, transposeB);
        DeviceAssert.MatchesBoth(exact, cpu.Data, Host(device), 1e-5, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void MatMul_AlphaBetaInPlace_MatchesCpuAndFloat64(bool transposeA, bool transposeB)
    {
        const int M = 7, K = 5, N = 9;
        const float Alpha = 0.75f, Beta = -1.5f;
        var rng = new Rng(50 + (transposeA ? 2UL : 0UL) + (transposeB ? 1UL : 0UL));
        Tensor a = RandomTensors.Uniform(rng, transposeA ? [K, M] : [M, K]);
        Tensor b = RandomTensors.Uniform(rng, transposeB ? [N, K] : [K, N]);
        Tensor initial = RandomTensors.Uniform(rng, [M, N]);
        Tensor cpu = initial.Clone();
        TensorOps.MatMul(a, b, cpu, transposeA, transposeB, Alpha, Beta);
        Tensor device = initial.To(_device);

        TensorOps.MatMul(a.To(_device), b.To(_device), device, transposeA, transposeB, Alpha,
            Beta);

        double[] product = Float64Reference.MatMul(a.Data, b.Data, M, N, K, transposeA,
            transposeB);
        double[] exact = product.Select((p, i) => Alpha * p + Beta * initial.Data[i]).ToArray();
        DeviceAssert.MatchesBoth(exact, cpu.Data, Host(device), 1e-5, 1e-5);
    }

    [Fact]
    public void MatMul_ResultOnHost_ThrowsArgument()
    {
        Tensor a = Tensor.Zeros(_device, new Shape(2, 3));
        Tensor b = Tensor.Zeros(_device, new Shape(3, 4));

        Assert.Throws<ArgumentException>(
            () => TensorOps.MatMul(a, b, new Tensor(2, 4), transposeA: false, transposeB: false));
    }

    [Theory]
    [InlineData(new[] { 7, 33 })]
    [InlineData(new[] { 3, 5, 7 })]
    [InlineData(new[] { 1 })]
    public void L2Norm_RandomInput_MatchesCpuAndFloat64(int[] shape)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)shape.Sum() + 60), shape);
        double cpu = TensorOps.L2Norm(x);

        double device = TensorOps.L2Norm(x.To(_device));

        double exact = Math.Sqrt(x.Data.Sum(v => (double)v * v));
        Assert.InRange(device, exact * (1 - 1e-6), exact * (1 + 1e-6));
        Assert.InRange(device, cpu * (1 - 1e-6), cpu * (1 + 1e-6));
    }

    [Theory]
    [InlineData(new[] { 7, 33 }, new[] { 33 })]
    [InlineData(new[] { 2, 3, 5, 7 }, new[] { 3, 1, 1 })]
    [InlineData(new[] { 3, 7 }, new int[0])]
    public void DivideKernel_Broadcast_MatchesCpuAndFloat64(int[] aShape, int[] bShape)
    {
        var rng = new Rng((ulong)(aShape.Sum() + bShape.Sum() + 70));
        Tensor a = RandomTensors.Uniform(rng, aShape);
        Tensor b = RandomTensors.AwayFromZero(rng, bShape);
        Tensor cpu = TensorOps.Divide(a, b);
        using DeviceTensor da = a.ToDevice(_device);
        using DeviceTensor db = b.ToDevice(_device);
        using DeviceTensor result = DeviceTensor.Zeros(_device, a.Shape);

        DeviceElementwise.Divide(da, db, result);

        DeviceAssert.MatchesBoth(Float64Reference.Binary(a, b, (p, q) => p / q), cpu.Data,
            result.ToHost().Data, 1e-6, 1e-6);
    }

    [Fact]
    public void AddScalarKernel_OutOfPlace_MatchesReferences()
    {
        Tensor x = RandomTensors.Uniform(new Rng(80), [7, 33]);
        Tensor cpu = TensorOps.AddScalar(x, -0.3f);
        using DeviceTensor dx = x.ToDevice(_device);
        using DeviceTensor y = DeviceTensor.Zeros(_device, x.Shape);

        DeviceElementwise.AddScalar(dx, -0.3f, y);

        double[] exact = x.Data.Select(v => v + (double)-0.3f).ToArray();
        DeviceAssert.MatchesBoth(exact, cpu.Data, y.ToHost().Data, 1e-6, 1e-6);
        Assert.Equal(x.Data, dx.ToHost().Data);
    }

    [Fact]
    public void AddScalarKernel_InPlace_MatchesFloat64()
    {
        Tensor x = RandomTensors.Uniform(new Rng(81), [3, 5, 7]);
        using DeviceTensor dx = x.ToDevice(_device);

        DeviceElementwise.AddScalar(dx, 2.5f, dx);

        TensorAssert.Close(x.Data.Select(v => v + 2.5).ToArray(), dx.ToHost().Data);
    }

    [Fact]
    public void AddScalarKernel_ShapesDiffer_ThrowsArgument()
    {
        using DeviceTensor x = DeviceTensor.Zeros(_device, 3, 4);
        using DeviceTensor y = DeviceTensor.Zeros(_device, 4, 3);

        Assert.Throws<ArgumentException>(() => DeviceElementwise.AddScalar(x, 1f, y));
    }

    private static float[] Host(Tensor tensor) => tensor.To(ComputeDevice.Cpu).Data;

    private void AssertBinaryMatches(TensorOps.BinaryOp op, Tensor a, Tensor b)
    {
        Func<double, double, double> exact = op switch
        {
            TensorOps.BinaryOp.Add => (p, q) => p + q,
            TensorOps.BinaryOp.Subtract => (p, q) => p - q,
            TensorOps.BinaryOp.Multiply => (p, q) => p * q,
            _ => (p, q) => p / q,
        };
        Tensor cpu = TensorOps.Binary(op, a, b);

        Tensor device = TensorOps.Binary(op, a.To(_device), b.To(_device));

        Assert.True(device.IsOnDevice);
        Assert.Equal(cpu.Shape, device.Shape);
        DeviceAssert.MatchesBoth(Float64Reference.Binary(a, b, exact), cpu.Data, Host(device),
            1e-6, 1e-6);
    }
}
