using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors.Tests.Gpu;

[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceTensorTests(CpuAcceleratorFixture fixture)
{
    private readonly ComputeDevice _device = fixture.Device;

    [Fact]
    public void ToHost_AfterToDevice_KeepsValues()
    {
        Tensor host = RandomTensors.Uniform(new Rng(1), [3, 7, 5]);

        using DeviceTensor device = host.ToDevice(_device);
        Tensor back = device.ToHost();

        Assert.Equal(host.Shape, back.Shape);
        Assert.Equal(host.Data, back.Data);
    }

    [Fact]
    public void Zeros_NewTensor_HoldsZeros()
    {
        using DeviceTensor tensor = DeviceTensor.Zeros(_device, 33);

        Assert.All(tensor.ToHost().Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ToDevice_EmptyTensor_RoundTrips()
    {
        using DeviceTensor device = new Tensor(0, 3).ToDevice(_device);

        Tensor back = device.ToHost();

        Assert.Equal(new Shape(0, 3), back.Shape);
    }

    [Fact]
    public void Dispose_ThenCopy_ThrowsObjectDisposed()
    {
        DeviceTensor tensor = DeviceTensor.Zeros(_device, 4);

        tensor.Dispose();

        Assert.Throws<ObjectDisposedException>(() => tensor.ToHost());
    }

    [Fact]
    public void Reshape_WriteThroughView_ChangesOwner()
    {
        using DeviceTensor owner = DeviceTensor.Zeros(_device, 2, 3);
        using DeviceTensor view = owner.Reshape(6);

        view.CopyFromHost(Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 6));

        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], owner.ToHost().Data);
    }

    [Fact]
    public void Reshape_OwnerDisposed_ViewThrowsObjectDisposed()
    {
        DeviceTensor owner = DeviceTensor.Zeros(_device, 2, 3);
        DeviceTensor view = owner.Reshape(3, 2);

        owner.Dispose();

        Assert.Throws<ObjectDisposedException>(() => view.ToHost());
    }

    [Fact]
    public void CopyFrom_SameDevice_CopiesValues()
    {
        Tensor host = RandomTensors.Uniform(new Rng(2), [4, 4]);
        using DeviceTensor source = host.ToDevice(_device);
        using DeviceTensor target = DeviceTensor.Zeros(_device, 4, 4);

        target.CopyFrom(source);

        Assert.Equal(host.Data, target.ToHost().Data);
    }

    [Fact]
    public void CopyToHost_ShapesDiffer_Throws()
    {
        using DeviceTensor tensor = DeviceTensor.Zeros(_device, 2, 3);

        var error = Assert.Throws<ArgumentException>(() => tensor.CopyToHost(new Tensor(3, 2)));

        Assert.Contains("(3, 2)", error.Message);
        Assert.Contains("(2, 3)", error.Message);
    }

    [Fact]
    public void ToDevice_HostCpuDevice_ThrowsInvalidOperation()
    {
        using ComputeDevice cpu = ComputeDevice.CreateCpu();

        var error = Assert.Throws<InvalidOperationException>(() => new Tensor(3).ToDevice(cpu));

        Assert.Contains("host CPU", error.Message);
    }

    [Fact]
    public void Add_TwoDevices_NamesBoth()
    {
        using ComputeDevice other = ComputeDevice.CreateCpuAccelerator();
        using DeviceTensor a = DeviceTensor.Zeros(_device, 4);
        using DeviceTensor b = DeviceTensor.Zeros(other, 4);
        using DeviceTensor result = DeviceTensor.Zeros(_device, 4);

        var error = Assert.Throws<ArgumentException>(() => DeviceElementwise.Add(a, b, result));

        Assert.Contains(_device.Name, error.Message);
        Assert.Contains(other.Name, error.Message);
    }

    [Fact]
    public void Gemm_OutputOnOtherDevice_NamesBoth()
    {
        using ComputeDevice other = ComputeDevice.CreateCpuAccelerator();
        using DeviceTensor a = DeviceTensor.Zeros(_device, 2, 2);
        using DeviceTensor b = DeviceTensor.Zeros(_device, 2, 2);
        using DeviceTensor c = DeviceTensor.Zeros(other, 2, 2);

        var error = Assert.Throws<ArgumentException>(
            () => DeviceGemm.Multiply(false, false, 1f, a, b, 0f, c));

        Assert.Contains(_device.Name, error.Message);
        Assert.Contains(other.Name, error.Message);
    }
}
