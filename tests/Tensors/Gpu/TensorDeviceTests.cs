using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors.Tests.Gpu;

// Placement of a Tensor on a device: the copies between host and device memory, views,
// and the errors for host reads of device tensors and for operands on different devices.
[Collection(CpuAcceleratorCollection.Name)]
public sealed class TensorDeviceTests(CpuAcceleratorFixture fixture)
{
    private readonly ComputeDevice _device = fixture.Device;

    [Fact]
    public void To_HostToDevice_CopiesValues()
    {
        Tensor host = RandomTensors.Uniform(new Rng(1), [3, 7, 5]);

        Tensor onDevice = host.To(_device);

        Assert.True(onDevice.IsOnDevice);
        Assert.Same(_device, onDevice.Device);
        Assert.Equal(host.Shape, onDevice.Shape);
        Assert.Equal(host.Data, onDevice.DeviceStorage.ToHost().Data);
    }

    [Fact]
    public void To_DeviceToHost_CopiesValues()
    {
        Tensor host = RandomTensors.Uniform(new Rng(2), [7, 33]);
        Tensor onDevice = host.To(_device);

        Tensor back = onDevice.To(ComputeDevice.Cpu);

        Assert.False(back.IsOnDevice);
        Assert.Same(ComputeDevice.Cpu, back.Device);
        Assert.Equal(host.Shape, back.Shape);
        Assert.Equal(host.Data, back.Data);
    }

    [Fact]
    public void To_AlreadyOnDevice_ReturnsSameTensor()
    {
        Tensor onDevice = Tensor.Zeros(_device, new Shape(4, 3));

        Assert.Same(onDevice, onDevice.To(_device));
    }

    [Fact]
    public void To_HostToCpu_ReturnsSameTensor()
    {
        var host = new Tensor(4, 3);

        Assert.Same(host, host.To(ComputeDevice.Cpu));
    }

    [Fact]
    public void To_HostCopy_DoesNotShareStorage()
    {
        Tensor host = RandomTensors.Uniform(new Rng(3), [5, 7]);
        float[] before = (float[])host.Data.Clone();
        Tensor onDevice = host.To(_device);

        onDevice.Clear();

        Assert.Equal(before, host.Data);
    }

    [Fact]
    public void MoveTo_HostToDevice_MovesInPlace()
    {
        Tensor tensor = RandomTensors.Uniform(new Rng(4), [3, 5, 7]);
        float[] values = (float[])tensor.Data.Clone();

        tensor.MoveTo(_device);

        Assert.True(tensor.IsOnDevice);
        Assert.Same(_device, tensor.Device);
        Assert.Equal(values, tensor.DeviceStorage.ToHost().Data);
    }

    [Fact]
    public void MoveTo_DeviceToHost_RestoresData()
    {
        Tensor tensor = RandomTensors.Uniform(new Rng(5), [7, 33]);
        float[] values = (float[])tensor.Data.Clone();
        tensor.MoveTo(_device);

        tensor.MoveTo(ComputeDevice.Cpu);

        Assert.False(tensor.IsOnDevice);
        Assert.Equal(values, tensor.Data);
    }

    [Fact]
    public void MoveTo_SameDevice_KeepsStorage()
    {
        Tensor tensor = Tensor.Zeros(_device, new Shape(9));
        DeviceTensor storage = tensor.DeviceStorage;

        tensor.MoveTo(_device);

        Assert.Same(storage, tensor.DeviceStorage);
    }

    [Fact]
    public void MoveTo_ViewMadeBefore_KeepsHostStorage()
    {
        Tensor tensor = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        Tensor view = tensor.Reshape(3, 2);

        tensor.MoveTo(_device);
        tensor.Clear();

        Assert.False(view.IsOnDevice);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], view.Data);
    }

    [Fact]
    public void CopyFrom_HostIntoDevice_CopiesValues()
    {
        Tensor host = RandomTensors.Uniform(new Rng(6), [3, 5, 7]);
        Tensor target = Tensor.Zeros(_device, host.Shape);

        target.CopyFrom(host);

        Assert.Equal(host.Data, target.To(ComputeDevice.Cpu).Data);
    }

    [Fact]
    public void CopyFrom_DeviceIntoHost_CopiesValues()
    {
        Tensor host = RandomTensors.Uniform(new Rng(7), [3, 5, 7]);
        Tensor source = host.To(_device);
        var target = new Tensor(3, 5, 7);

        target.CopyFrom(source);

        Assert.Equal(host.Data, target.Data);
    }

    [Fact]
    public void CopyFrom_SameDevice_CopiesValues()
    {
        Tensor host = RandomTensors.Uniform(new Rng(8), [7, 33]);
        Tensor source = host.To(_device);
        Tensor target = Tensor.Zeros(_device, host.Shape);

        target.CopyFrom(source);

        Assert.NotSame(source.DeviceStorage, target.DeviceStorage);
        Assert.Equal(host.Data, target.To(ComputeDevice.Cpu).Data);
    }

    [Fact]
    public void CopyFrom_OtherAccelerator_CopiesValues()
    {
        using ComputeDevice other = ComputeDevice.CreateCpuAccelerator();
        Tensor host = RandomTensors.Uniform(new Rng(9), [5, 7]);
        Tensor source = host.To(other);
        Tensor target = Tensor.Zeros(_device, host.Shape);

        target.CopyFrom(source);

        Assert.Same(_device, target.Device);
        Assert.Equal(host.Data, target.To(ComputeDevice.Cpu).Data);
    }

    [Fact]
    public void CopyFrom_ShapesDiffer_ThrowsNamingBoth()
    {
        Tensor target = Tensor.Zeros(_device, new Shape(2, 3));

        var error = Assert.Throws<ArgumentException>(() => target.CopyFrom(new Tensor(3, 2)));

        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("(3, 2)", error.Message);
    }

    [Fact]
    public void Clone_OnDevice_HasIndependentStorage()
    {
        Tensor host = RandomTensors.Uniform(new Rng(10), [3, 5, 7]);
        Tensor original = host.To(_device);

        Tensor clone = original.Clone();
        original.Clear();

        Assert.Same(_device, clone.Device);
        Assert.NotSame(original.DeviceStorage, clone.DeviceStorage);
        Assert.Equal(host.Data, clone.To(ComputeDevice.Cpu).Data);
        Assert.All(original.To(ComputeDevice.Cpu).Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Zeros_OnDevice_HoldsZeros()
    {
        Tensor tensor = Tensor.Zeros(_device, new Shape(3, 11));

        Assert.True(tensor.IsOnDevice);
        Assert.Equal(new Shape(3, 11), tensor.Shape);
        Assert.All(tensor.To(ComputeDevice.Cpu).Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Zeros_HostCpu_ReturnsHostTensor()
    {
        Tensor tensor = Tensor.Zeros(ComputeDevice.Cpu, new Shape(3, 11));

        Assert.False(tensor.IsOnDevice);
        Assert.Equal(33, tensor.Data.Length);
    }

    [Fact]
    public void ZerosLike_DeviceTensor_TakesDeviceAndShape()
    {
        Tensor like = Tensor.Full(_device, 3f, new Shape(5, 7));

        Tensor zeros = Tensor.ZerosLike(like);

        Assert.Same(_device, zeros.Device);
        Assert.Equal(like.Shape, zeros.Shape);
        Assert.All(zeros.To(ComputeDevice.Cpu).Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Full_OnDevice_HoldsValue()
    {
        Tensor tensor = Tensor.Full(_device, -1.25f, new Shape(3, 5, 7));

        Assert.Same(_device, tensor.Device);
        Assert.All(tensor.To(ComputeDevice.Cpu).Data, v => Assert.Equal(-1.25f, v));
    }

    [Fact]
    public void Clear_OnDevice_SetsZeros()
    {
        Tensor tensor = RandomTensors.Uniform(new Rng(11), [7, 33]).To(_device);

        tensor.Clear();

        Assert.All(tensor.To(ComputeDevice.Cpu).Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Item_RankZeroOnDevice_ReturnsValue()
    {
        Tensor tensor = Tensor.Scalar(2.75f).To(_device);

        Assert.Equal(2.75f, tensor.Item());
    }

    [Fact]
    public void Item_AfterDeviceKernel_ReturnsKernelResult()
    {
        Tensor tensor = Tensor.FromArray([1f, 2f, 3f, 4.5f], 4).To(_device);

        Tensor sum = TensorOps.Sum(tensor);

        Assert.Equal(10.5f, sum.Item());
    }

    [Fact]
    public void Item_SeveralElementsOnDevice_Throws()
    {
        Tensor tensor = Tensor.Zeros(_device, new Shape(2, 3));

        var error = Assert.Throws<InvalidOperationException>(() => tensor.Item());

        Assert.Contains("(2, 3)", error.Message);
    }

    [Fact]
    public void Reshape_OnDevice_ViewSharesStorage()
    {
        Tensor tensor = Tensor.Zeros(_device, new Shape(2, 3));
        Tensor view = tensor.Reshape(3, -1);

        view.CopyFrom(Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 3, 2));

        Assert.True(view.IsOnDevice);
        Assert.Equal(new Shape(3, 2), view.Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], tensor.To(ComputeDevice.Cpu).Data);
    }

    [Fact]
    public void Reshape_OwnerWritten_ViewSeesChange()
    {
        Tensor tensor = Tensor.Full(_device, 4f, new Shape(2, 3));
        Tensor view = tensor.Reshape(6);

        tensor.Clear();

        Assert.All(view.To(ComputeDevice.Cpu).Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Data_OnDevice_ThrowsNamingDeviceAndFix()
    {
        Tensor tensor = Tensor.Zeros(_device, new Shape(2, 3));

        var error = Assert.Throws<InvalidOperationException>(() => tensor.Data);

        Assert.Contains(_device.Name, error.Message);
        Assert.Contains("To(", error.Message);
    }

    [Fact]
    public void Indexer_OnDevice_ThrowsInvalidOperation()
    {
        Tensor tensor = Tensor.Zeros(_device, new Shape(2, 3));

        Assert.Throws<InvalidOperationException>(() => tensor[1, 2]);
    }

    [Fact]
    public void DeviceStorage_OnHost_ThrowsNamingFix()
    {
        var tensor = new Tensor(2, 3);

        var error = Assert.Throws<InvalidOperationException>(() => tensor.DeviceStorage);

        Assert.Contains("To(", error.Message);
    }

    [Fact]
    public void ToString_OnDevice_NamesDevice()
    {
        Tensor tensor = Tensor.Zeros(_device, new Shape(2, 3));

        Assert.Contains(_device.Name, tensor.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Add_HostAndDevice_ThrowsNamingBoth(bool deviceFirst)
    {
        Tensor onDevice = Tensor.Zeros(_device, new Shape(7, 33));
        var onHost = new Tensor(7, 33);
        (Tensor a, Tensor b) = deviceFirst ? (onDevice, onHost) : (onHost, onDevice);

        var error = Assert.Throws<ArgumentException>(() => TensorOps.Add(a, b));

        Assert.Contains($"on {_device.Name}", error.Message);
        Assert.Contains($"on {ComputeDevice.Cpu.Name}", error.Message);
    }

    [Fact]
    public void Add_TwoAccelerators_ThrowsNamingBoth()
    {
        using ComputeDevice other = ComputeDevice.CreateCpuAccelerator();
        Tensor a = Tensor.Zeros(_device, new Shape(4));
        Tensor b = Tensor.Zeros(other, new Shape(4));

        var error = Assert.Throws<ArgumentException>(() => TensorOps.Add(a, b));

        Assert.Contains($"on {_device.Name} ", error.Message);
        Assert.Contains($"on {other.Name},", error.Message);
    }

    [Fact]
    public void Binary_ResultOnHost_ThrowsArgument()
    {
        Tensor a = Tensor.Zeros(_device, new Shape(3, 4));
        Tensor b = Tensor.Zeros(_device, new Shape(3, 4));

        Assert.Throws<ArgumentException>(
            () => TensorOps.Binary(TensorOps.BinaryOp.Add, a, b, new Tensor(3, 4)));
    }
}
