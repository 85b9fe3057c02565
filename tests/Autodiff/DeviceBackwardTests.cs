using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;
using F = NativeGan.Autodiff.Functions;

namespace NativeGan.Autodiff.Tests;

// Forward values and gradients of the differentiable functions on ILGPU's CPU accelerator
// against the same graph on the CPU, whose gradients GradientCheckTests and the other
// gradient tests check by finite differences. The shapes are tiny because the CPU
// accelerator starts 256 threads for every kernel launch.
[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceBackwardTests(CpuAcceleratorFixture fixture)
{
    // The device sums in float32 in another order, and batch norm keeps its statistics in
    // float32 where the host uses float64.
    private const double Relative = 1e-4;
    private const double Absolute = 1e-5;

    private readonly ComputeDevice _device = fixture.Device;

    private sealed record OpCase(Func<Variable[], Variable> Function, Func<Tensor[]> Inputs);

    private static readonly Dictionary<string, OpCase> Cases = new()
    {
        ["Relu"] = new(v => F.Relu(v[0]), () => [AwayFromZero(1, 3, 5, 7)]),
        ["LeakyRelu"] = new(v => F.LeakyRelu(v[0], 0.2f), () => [AwayFromZero(2, 3, 5, 7)]),
        ["Tanh"] = new(v => F.Tanh(v[0]), () => [Uniform(3, 3, 5, 7)]),
        ["Sigmoid"] = new(v => F.Sigmoid(v[0]), () => [Uniform(4, 3, 5, 7)]),
        ["Add bias"] = new(v => F.Add(v[0], v[1]), () => [Uniform(5, 7, 5), Uniform(6, 5)]),
        ["Add to smaller"] = new(v => F.Add(v[0], v[1]), () => [Uniform(7, 5), Uniform(8, 7, 5)]),
        ["Subtract column"] = new(
            v => F.Subtract(v[0], v[1]), () => [Uniform(9, 3, 5, 7), Uniform(10, 5, 1)]),
        ["Subtract from scalar"] = new(
            v => F.Subtract(v[0], v[1]), () => [Uniform(11), Uniform(12, 3, 5, 7)]),
        ["Multiply per channel"] = new(
            v => F.Multiply(v[0], v[1]), () => [Uniform(13, 2, 3, 5, 7), Uniform(14, 3, 1, 1)]),
        ["Multiply smaller first"] = new(
            v => F.Multiply(v[0], v[1]), () => [Uniform(15, 5), Uniform(16, 7, 5)]),
        ["Divide"] = new(
            v => F.Divide(v[0], v[1]), () => [Uniform(17, 7, 5), AwayFromZero(18, 7, 5)]),
        ["Divide by row"] = new(
            v => F.Divide(v[0], v[1]), () => [Uniform(19, 7, 5), AwayFromZero(20, 5)]),
        ["Negate"] = new(v => F.Negate(v[0]), () => [Uniform(21, 7, 5)]),
        ["Scale"] = new(v => F.Scale(v[0], -0.37f), () => [Uniform(22, 7, 5)]),
        ["AddScalar"] = new(v => F.AddScalar(v[0], 1.5f), () => [Uniform(23, 7, 5)]),
        ["Square"] = new(v => F.Square(v[0]), () => [Uniform(24, 7, 5)]),
        ["Sum"] = new(v => F.Sum(v[0]), () => [Uniform(25, 3, 5, 7)]),
        ["Mean"] = new(v => F.Mean(v[0]), () => [Uniform(26, 3, 5, 7)]),
        ["Sum first axis"] = new(v => F.Sum(v[0], 0), () => [Uniform(27, 7, 2, 3)]),
        ["Sum last axis kept"] = new(
            v => F.Sum(v[0], -1, keepDims: true), () => [Uniform(28, 2, 3, 7)]),
        ["Sum last axis"] = new(v => F.Sum(v[0], 2), () => [Uniform(52, 2, 3, 7)]),
        ["Reshape"] = new(v => F.Tanh(F.Reshape(v[0], 5, -1)), () => [Uniform(29, 3, 5, 7)]),
        ["MatMul"] = new(v => F.MatMul(v[0], v[1]), () => [Uniform(30, 5, 9), Uniform(31, 9, 7)]),
        ["Linear with bias"] = new(
            v => F.Linear(v[0], v[1], v[2]),
            () => [Uniform(32, 6, 9), Uniform(33, 5, 9), Uniform(34, 5)]),
        ["Linear without bias"] = new(
            v => F.Linear(v[0], v[1], null), () => [Uniform(35, 6, 9), Uniform(36, 5, 9)]),
        ["Conv2d with bias"] = new(
            v => F.Conv2d(v[0], v[1], v[2], 1, 1, 1),
            () => [Uniform(37, 2, 3, 7, 6), Uniform(38, 4, 3, 3, 3), Uniform(39, 4)]),
        ["Conv2d strided without bias"] = new(
            v => F.Conv2d(v[0], v[1], null, (2, 1), (1, 0), (1, 2)),
            () => [Uniform(40, 2, 3, 7, 6), Uniform(41, 2, 3, 3, 2)]),
        ["ConvTranspose2d with bias"] = new(
            v => F.ConvTranspose2d(v[0], v[1], v[2], 2, 1, 1, 1),
            () => [Uniform(42, 2, 3, 3, 2), Uniform(43, 3, 2, 3, 3), Uniform(44, 2)]),
        ["ConvTranspose2d dilated without bias"] = new(
            v => F.ConvTranspose2d(v[0], v[1], null, (1, 2), (0, 1), (0, 1), (2, 1)),
            () => [Uniform(45, 2, 2, 3, 3), Uniform(46, 2, 3, 2, 3)]),
        ["BatchNorm (N, C, H, W) affine"] = new(
            v => F.BatchNorm(v[0], v[1], v[2], null, null, true, 0.1, 1e-5),
            () => [Uniform(47, 2, 3, 7, 6), Uniform(48, 3), Uniform(49, 3)]),
        ["BatchNorm (N, C) without weight and bias"] = new(
            v => F.BatchNorm(v[0], null, null, null, null, true, 0.1, 1e-5),
            () => [Uniform(50, 7, 5)]),
        ["Shared input"] = new(
            v => F.Add(F.Multiply(v[0], v[0]), F.Sigmoid(v[0])), () => [Uniform(51, 7, 5)]),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Backward_OnDevice_MatchesCpu(string name)
    {
        OpCase op = Cases[name];
        Tensor[] inputs = op.Inputs();
        Variable[] host = inputs.Select(t => new Variable(t.Clone(), requiresGrad: true)).ToArray();
        Variable[] device = inputs
            .Select(t => new Variable(t.To(_device), requiresGrad: true))
            .ToArray();
        Variable expected = op.Function(host);

        Variable actual = op.Function(device);

        Assert.True(actual.Value.IsOnDevice, $"{name}: the output is on the host.");
        AssertClose(expected.Value, actual.Value, $"{name} output");
        Tensor dY = Uniform(100, expected.Shape.ToArray());
        expected.Backward(dY);
        actual.Backward(dY.To(_device));
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Same(_device, device[i].Grad!.Device);
            AssertClose(host[i].Grad!, device[i].Grad!, $"{name} gradient of input {i}");
        }
    }

    [Fact]
    public void Backward_ScalarOnDevice_SeedsOnesOnDevice()
    {
        Tensor x = Uniform(60, 7, 5);
        var host = new Variable(x.Clone(), requiresGrad: true);
        var device = new Variable(x.To(_device), requiresGrad: true);

        F.Mean(F.Square(host)).Backward();
        F.Mean(F.Square(device)).Backward();

        Assert.Same(_device, device.Grad!.Device);
        AssertClose(host.Grad!, device.Grad!, "gradient");
    }

    [Fact]
    public void Backward_TwiceOnDevice_AccumulatesGradient()
    {
        Tensor x = Uniform(61, 7, 5);
        var host = new Variable(x.Clone(), requiresGrad: true);
        var device = new Variable(x.To(_device), requiresGrad: true);

        for (int pass = 0; pass < 2; pass++)
        {
            F.Sum(F.Tanh(host)).Backward();
            F.Sum(F.Tanh(device)).Backward();
        }

        AssertClose(host.Grad!, device.Grad!, "accumulated gradient");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchNorm_TrainingOnDevice_UpdatesRunningStatistics(bool affine)
    {
        Tensor x = Uniform(62, 2, 3, 7, 6);
        Tensor weight = Uniform(63, 3);
        Tensor bias = Uniform(64, 3);
        Tensor hostMean = Uniform(65, 3);
        Tensor hostVar = Uniform(66, [3], 0.5f, 2f);
        Tensor deviceMean = hostMean.To(_device);
        Tensor deviceVar = hostVar.To(_device);
        Variable? hostWeight = affine ? new Variable(weight.Clone(), requiresGrad: true) : null;
        Variable? hostBias = affine ? new Variable(bias.Clone(), requiresGrad: true) : null;
        Variable? deviceWeight = affine
            ? new Variable(weight.To(_device), requiresGrad: true)
            : null;
        Variable? deviceBias = affine ? new Variable(bias.To(_device), requiresGrad: true) : null;

        Variable expected = F.BatchNorm(
            new Variable(x), hostWeight, hostBias, hostMean, hostVar, true, 0.3, 1e-5);
        Variable actual = F.BatchNorm(
            new Variable(x.To(_device)), deviceWeight, deviceBias, deviceMean, deviceVar, true,
            0.3, 1e-5);

        AssertClose(expected.Value, actual.Value, "output");
        AssertClose(hostMean, deviceMean, "running mean");
        AssertClose(hostVar, deviceVar, "running variance");
    }

    [Fact]
    public void BatchNorm_EvaluationOnDevice_MatchesCpu()
    {
        Tensor x = Uniform(67, 2, 3, 7, 6);
        Tensor weight = Uniform(68, 3);
        Tensor bias = Uniform(69, 3);
        Tensor runningMean = Uniform(70, 3);
        Tensor runningVar = Uniform(71, [3], 0.5f, 2f);

        Variable expected = F.BatchNorm(
            new Variable(x), new Variable(weight), new Variable(bias), runningMean, runningVar,
            false, 0.1, 1e-5);
        Variable actual = F.BatchNorm(
            new Variable(x.To(_device)), new Variable(weight.To(_device)),
            new Variable(bias.To(_device)), runningMean.To(_device), runningVar.To(_device),
            false, 0.1, 1e-5);

        Assert.True(actual.Value.IsOnDevice);
        AssertClose(expected.Value, actual.Value, "output");
    }

    [Fact]
    public void BatchNorm_EvaluationOnDevice_LeavesRunningStatistics()
    {
        Tensor runningMean = Uniform(72, 3);
        Tensor runningVar = Uniform(73, [3], 0.5f, 2f);
        Tensor deviceMean = runningMean.To(_device);
        Tensor deviceVar = runningVar.To(_device);

        F.BatchNorm(new Variable(Uniform(74, 4, 3).To(_device)), null, null, deviceMean,
            deviceVar, false, 0.1, 1e-5);

        Assert.Equal(runningMean.Data, deviceMean.To(ComputeDevice.Cpu).Data);
        Assert.Equal(runningVar.Data, deviceVar.To(ComputeDevice.Cpu).Data);
    }

    [Fact]
    public void BatchNorm_EvaluationBackward_Throws()
    {
        // NOTE: the device has no evaluation-mode backward kernel; the CPU path has one.
        var x = new Variable(Uniform(75, 4, 3).To(_device), requiresGrad: true);
        Variable y = F.BatchNorm(x, null, null, Tensor.Zeros(_device, new Shape(3)),
            Tensor.Full(_device, 1f, new Shape(3)), false, 0.1, 1e-5);

        Assert.Throws<NotSupportedException>(() => F.Sum(y).Backward());
    }

    [Fact]
    public void BatchNorm_HostRunningStatistics_Throws()
    {
        var x = new Variable(Uniform(76, 4, 3).To(_device));

        var error = Assert.Throws<ArgumentException>(() => F.BatchNorm(
            x, null, null, Tensor.Zeros(3), Tensor.Ones(3), true, 0.1, 1e-5));

        Assert.Contains(_device.Name, error.Message);
    }

    [Fact]
    public void Linear_WeightOnHost_ThrowsArgument()
    {
        var x = new Variable(Uniform(77, 6, 9).To(_device));
        var weight = new Variable(Uniform(78, 5, 9));

        Assert.Throws<ArgumentException>(() => F.Linear(x, weight, null));
    }

    private static Tensor Uniform(ulong seed, params int[] shape) =>
        TestTensors.Uniform(seed, shape);

    private static Tensor Uniform(ulong seed, int[] shape, float low, float high) =>
        TestTensors.Uniform(seed, shape, low, high);

    private static Tensor AwayFromZero(ulong seed, params int[] shape) =>
        TestTensors.AwayFromZero(seed, shape);

    // Asserts |device - cpu| <= Absolute + Relative |cpu| for every element, naming the first
    // element out of tolerance.
    private static void AssertClose(Tensor cpu, Tensor device, string quantity)
    {
        Assert.Equal(cpu.Shape, device.Shape);
        float[] expected = cpu.Data;
        float[] actual = device.To(ComputeDevice.Cpu).Data;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)actual[i] - expected[i]);
            double allowed = Absolute + Relative * Math.Abs(expected[i]);
            if (!(error <= allowed))
            {
                Assert.Fail(
                    $"{quantity}, element {i} of {expected.Length}: CPU {expected[i]:G9}, device " +
                    $"{actual[i]:G9}, error {error:G3} > allowed {allowed:G3}.");
            }
        }
    }
}
