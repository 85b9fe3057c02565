using NativeGan.Autodiff;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Nn.Tests.Optimizers;

// Adam on parameters that live on ILGPU's CPU accelerator, against Adam on the CPU, whose
// update AdamTests checks against a float64 reference.
[Collection(CpuAcceleratorCollection.Name)]
public sealed class AdamDeviceTests(CpuAcceleratorFixture fixture)
{
    private const float LearningRate = 1e-2f;
    private const float WeightDecay = 0.1f;

    private readonly ComputeDevice _device = fixture.Device;

    [Fact]
    public void Step_ThreeStepsWithWeightDecay_MatchesCpu()
    {
        Sequential hostNet = CreateNet();
        Sequential deviceNet = CreateNet();
        deviceNet.To(_device);
        Adam host = CreateAdam(hostNet);
        Adam device = CreateAdam(deviceNet);

        for (int step = 1; step <= 3; step++)
        {
            TrainStep(hostNet, host, ComputeDevice.Cpu, (ulong)step);
            TrainStep(deviceNet, device, _device, (ulong)step);

            AssertSameParameters(hostNet, deviceNet, $"step {step}");
        }

        Assert.All(device.StepCounts, count => Assert.Equal(3, count));
    }

    [Fact]
    public void StateDict_DeviceAdam_MatchesCpuState()
    {
        Sequential hostNet = CreateNet();
        Sequential deviceNet = CreateNet();
        deviceNet.To(_device);
        Adam host = CreateAdam(hostNet);
        Adam device = CreateAdam(deviceNet);
        for (int step = 1; step <= 2; step++)
        {
            TrainStep(hostNet, host, ComputeDevice.Cpu, (ulong)step);
            TrainStep(deviceNet, device, _device, (ulong)step);
        }

        Dictionary<string, Tensor> expected = host.StateDict();
        Dictionary<string, Tensor> actual = device.StateDict();

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected)
        {
            DeviceAssert.Close(tensor, actual[name], name);
        }
    }

    [Fact]
    public void StateDict_DeviceAdam_ReturnsHostTensors()
    {
        Sequential net = CreateNet();
        net.To(_device);
        Adam adam = CreateAdam(net);
        TrainStep(net, adam, _device, 1);

        Dictionary<string, Tensor> state = adam.StateDict();

        Assert.All(state, entry => Assert.False(entry.Value.IsOnDevice, entry.Key));
    }

    [Fact]
    public void StateDict_DeviceAdam_ReturnsCopies()
    {
        Sequential net = CreateNet();
        net.To(_device);
        Adam adam = CreateAdam(net);
        TrainStep(net, adam, _device, 1);
        float[] before = adam.StateDict()["0.exp_avg"].Data;

        adam.StateDict()["0.exp_avg"].Clear();

        Assert.Equal(before, adam.StateDict()["0.exp_avg"].Data);
    }

    [Fact]
    public void LoadStateDict_DeviceRoundTrip_Continues()
    {
        Sequential firstNet = CreateNet();
        firstNet.To(_device);
        Adam first = CreateAdam(firstNet);
        TrainStep(firstNet, first, _device, 1);
        TrainStep(firstNet, first, _device, 2);
        Sequential secondNet = CreateNet();
        secondNet.To(_device);
        secondNet.LoadStateDict(firstNet.StateDict(), "the first model");
        Adam second = CreateAdam(secondNet);

        second.LoadStateDict(first.StateDict(), "the first optimizer");

        Dictionary<string, Tensor> expected = first.StateDict();
        foreach (var (name, tensor) in second.StateDict())
        {
            Assert.Equal(expected[name].Data, tensor.Data);
        }

        TrainStep(firstNet, first, _device, 3);
        TrainStep(secondNet, second, _device, 3);
        var secondParameters = secondNet.NamedParameters()
            .ToDictionary(p => p.Name, p => p.Parameter.Value);
        foreach (var (name, parameter) in firstNet.NamedParameters())
        {
            Assert.Equal(
                parameter.Value.To(ComputeDevice.Cpu).Data,
                secondParameters[name].To(ComputeDevice.Cpu).Data);
        }
    }

    [Fact]
    public void Step_AdamCreatedBeforeTo_ThrowsNamingFix()
    {
        Sequential net = CreateNet();
        Adam adam = CreateAdam(net);
        net.To(_device);
        Functions.Sum(net.Forward(new Variable(Input(1).To(_device)))).Backward();

        var error = Assert.Throws<InvalidOperationException>(adam.Step);

        Assert.Contains(_device.Name, error.Message);
        Assert.Contains("Module.To(device)", error.Message);
    }

    [Fact]
    public void Step_AdamCreatedBeforeTo_KeepsStepCounts()
    {
        // A step that throws must not count, so that the optimizer's state stays as it was.
        Sequential net = CreateNet();
        Adam adam = CreateAdam(net);
        net.To(_device);
        Functions.Sum(net.Forward(new Variable(Input(1).To(_device)))).Backward();

        Assert.Throws<InvalidOperationException>(adam.Step);

        Assert.All(adam.StepCounts, count => Assert.Equal(0, count));
    }

    // Linear(5 -> 3) and Tanh, the same values for every call.
    private static Sequential CreateNet() => new(new Linear(5, 3, new Rng(21)), new Tanh());

    private static Adam CreateAdam(Module net) =>
        new(net.Parameters(), LearningRate, 0.9f, 0.999f, 1e-8f, WeightDecay);

    private static Tensor Input(ulong seed)
    {
        var input = new Tensor(6, 5);
        new Rng(seed).FillUniform(input.Data, -2f, 2f);
        return input;
    }

    // One step on the mean square of the output for the input drawn from seed.
    private static void TrainStep(Module net, Adam adam, ComputeDevice device, ulong seed)
    {
        adam.ZeroGrad();
        Variable output = net.Forward(new Variable(Input(seed).To(device)));
        Functions.Mean(Functions.Square(output)).Backward();
        adam.Step();
    }

    private static void AssertSameParameters(Module host, Module device, string when)
    {
        var deviceParameters = device.NamedParameters()
            .ToDictionary(p => p.Name, p => p.Parameter.Value);
        foreach (var (name, parameter) in host.NamedParameters())
        {
            Assert.True(deviceParameters[name].IsOnDevice, $"{name} is on the host.");
            DeviceAssert.Close(parameter.Value, deviceParameters[name], $"{name} after {when}");
        }
    }
}
