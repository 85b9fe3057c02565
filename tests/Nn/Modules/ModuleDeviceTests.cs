using NativeGan.Autodiff;
using NativeGan.Nn.Serialization;
using NativeGan.Nn.Tests.Serialization;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Nn.Tests.Modules;

// Module.To and a module's forward, backward and saving on ILGPU's CPU accelerator, against
// the same module on the CPU.
[Collection(CpuAcceleratorCollection.Name)]
public sealed class ModuleDeviceTests(CpuAcceleratorFixture fixture) : IDisposable
{
    private readonly ComputeDevice _device = fixture.Device;
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void To_CpuAccelerator_ReturnsSameModule()
    {
        Sequential net = CreateNet(1);

        Assert.Same(net, net.To(_device));
    }

    [Fact]
    public void To_CpuAccelerator_MovesEveryParameter()
    {
        Sequential net = CreateNet(2);
        IReadOnlyList<Variable> before = net.Parameters();

        net.To(_device);

        Assert.Equal(before, net.Parameters());
        Assert.All(net.NamedParameters(), p => Assert.Same(_device, p.Parameter.Value.Device));
    }

    [Fact]
    public void To_CpuAccelerator_MovesBuffersExceptBatchCount()
    {
        Sequential net = CreateNet(3);

        net.To(_device);

        var buffers = net.NamedBuffers().ToDictionary(b => b.Name, b => b.Buffer);
        Assert.Same(_device, buffers["1.running_mean"].Device);
        Assert.Same(_device, buffers["1.running_var"].Device);
        Assert.False(buffers["1.num_batches_tracked"].IsOnDevice);
    }

    [Fact]
    public void To_CpuAccelerator_KeepsValues()
    {
        Sequential net = CreateNet(4);
        Dictionary<string, Tensor> before = net.StateDict()
            .ToDictionary(e => e.Key, e => e.Value.Clone());

        net.To(_device);

        foreach (var (name, tensor) in net.StateDict())
        {
            Assert.Equal(before[name].Data, tensor.To(ComputeDevice.Cpu).Data);
        }
    }

    [Fact]
    public void To_WithGradients_MovesGradients()
    {
        Sequential net = CreateNet(5);
        Functions.Sum(net.Forward(new Variable(Input(50)))).Backward();

        net.To(_device);

        Assert.All(net.Parameters(), p => Assert.Same(_device, p.Grad!.Device));
    }

    [Fact]
    public void To_BackToCpu_RestoresHostTensors()
    {
        Sequential net = CreateNet(6);
        Dictionary<string, Tensor> before = net.StateDict()
            .ToDictionary(e => e.Key, e => e.Value.Clone());
        net.To(_device);

        net.To(ComputeDevice.Cpu);

        foreach (var (name, tensor) in net.StateDict())
        {
            Assert.False(tensor.IsOnDevice, name);
            Assert.Equal(before[name].Data, tensor.Data);
        }
    }

    [Fact]
    public void Device_BeforeAndAfterTo_NamesParameterDevice()
    {
        Sequential net = CreateNet(7);
        ComputeDevice before = net.Device;

        net.To(_device);

        Assert.Same(ComputeDevice.Cpu, before);
        Assert.Same(_device, net.Device);
    }

    [Fact]
    public void Device_NoParameters_IsCpu()
    {
        Module relu = new ReLU().To(_device);

        Assert.Same(ComputeDevice.Cpu, relu.Device);
    }

    [Fact]
    public void ForwardBackward_Training_MatchesCpu()
    {
        Sequential host = CreateNet(8);
        Sequential device = CreateNet(8);
        device.To(_device);
        Tensor x = Input(80);

        Variable expected = host.Forward(new Variable(x));
        Variable actual = device.Forward(new Variable(x.To(_device)));
        Functions.Mean(Functions.Square(expected)).Backward();
        Functions.Mean(Functions.Square(actual)).Backward();

        DeviceAssert.Close(expected.Value, actual.Value, "output");
        var deviceParameters = device.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        foreach (var (name, parameter) in host.NamedParameters())
        {
            DeviceAssert.Close(
                parameter.Grad!, deviceParameters[name].Grad!, $"gradient of {name}");
        }

        var deviceBuffers = device.NamedBuffers().ToDictionary(b => b.Name, b => b.Buffer);
        foreach (var (name, buffer) in host.NamedBuffers())
        {
            DeviceAssert.Close(buffer, deviceBuffers[name], name);
        }
    }

    [Fact]
    public void Forward_Evaluation_MatchesCpu()
    {
        Sequential host = CreateNet(9);
        Sequential device = CreateNet(9);
        device.To(_device);
        host.Forward(new Variable(Input(90)));
        device.Forward(new Variable(Input(90).To(_device)));
        host.Eval();
        device.Eval();

        Variable expected = host.Forward(new Variable(Input(91)));
        Variable actual = device.Forward(new Variable(Input(91).To(_device)));

        DeviceAssert.Close(expected.Value, actual.Value, "output");
    }

    [Fact]
    public void BatchNorm2d_CumulativeAverage_MatchesCpu()
    {
        // Without momentum the layer reads num_batches_tracked on the host at every step.
        var host = new BatchNorm2d(3, momentum: null);
        var device = new BatchNorm2d(3, momentum: null);
        device.To(_device);

        for (int step = 0; step < 2; step++)
        {
            Tensor x = Uniform((ulong)(100 + step), 2, 3, 5, 4);
            host.Forward(new Variable(x));
            device.Forward(new Variable(x.To(_device)));
        }

        Assert.Equal(2f, device.NumBatchesTracked!.Item());
        DeviceAssert.Close(host.RunningMean!, device.RunningMean!, "running mean");
        DeviceAssert.Close(host.RunningVar!, device.RunningVar!, "running variance");
    }

    [Fact]
    public void ResetRunningStats_OnDevice_RestoresDefaults()
    {
        var layer = new BatchNorm2d(3);
        layer.To(_device);
        layer.Forward(new Variable(Uniform(110, 2, 3, 5, 4).To(_device)));

        layer.ResetRunningStats();

        Assert.Equal([0f, 0f, 0f], layer.RunningMean!.To(ComputeDevice.Cpu).Data);
        Assert.Equal([1f, 1f, 1f], layer.RunningVar!.To(ComputeDevice.Cpu).Data);
        Assert.Equal(0f, layer.NumBatchesTracked!.Item());
    }

    [Fact]
    public void LoadStateDict_HostIntoDevice_Copies()
    {
        Dictionary<string, Tensor> state = CreateNet(11).StateDict();
        Sequential net = CreateNet(12);
        net.To(_device);

        net.LoadStateDict(state, "a host model");

        Assert.Same(_device, net.Device);
        foreach (var (name, tensor) in net.StateDict())
        {
            Assert.Equal(state[name].Data, tensor.To(ComputeDevice.Cpu).Data);
        }
    }

    [Fact]
    public void Save_DeviceModule_WritesSameBytesAsHost()
    {
        Sequential net = CreateNet(13);
        string hostPath = _folder.File("host.safetensors");
        string devicePath = _folder.File("device.safetensors");
        SafeTensorsFile.Save(hostPath, net.StateDict());

        net.To(_device);
        SafeTensorsFile.Save(devicePath, net.StateDict());

        Assert.Equal(File.ReadAllBytes(hostPath), File.ReadAllBytes(devicePath));
    }

    // Conv2d(3 -> 4, 3x3, padding 1), BatchNorm2d(4), LeakyReLU, Flatten, Linear(80 -> 3)
    // for inputs of shape (2, 3, 5, 4).
    private static Sequential CreateNet(ulong seed)
    {
        var rng = new Rng(seed);
        return new Sequential(
            new Conv2d(3, 4, 3, rng, padding: 1),
            new BatchNorm2d(4),
            new LeakyReLU(0.2f),
            new Flatten(),
            new Linear(4 * 5 * 4, 3, rng));
    }

    private static Tensor Input(ulong seed) => Uniform(seed, 2, 3, 5, 4);

    private static Tensor Uniform(ulong seed, params int[] shape)
    {
        var tensor = new Tensor(shape);
        new Rng(seed).FillUniform(tensor.Data, -2f, 2f);
        return tensor;
    }
}
