using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Autodiff.Tests;

[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceBackwardInputTests(CpuAcceleratorFixture fixture)
{
    private readonly ComputeDevice _device = fixture.Device;

    [Fact]
    public void Backward_GradientOnOtherDevice_Throws()
    {
        var x = new Variable(Tensor.Full(_device, 0.5f, new Shape(2, 3)), requiresGrad: true);
        Variable y = Functions.Tanh(x);

        var error = Assert.Throws<ArgumentException>(
            () => y.Backward(Tensor.Ones(2, 3)));

        Assert.Contains(_device.Name, error.Message);
        Assert.Contains("on cpu", error.Message);
        Assert.Contains("To(device)", error.Message);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void Backward_DeviceScalar_SeedsGradientOnDevice()
    {
        var x = new Variable(Tensor.Full(_device, 2f, new Shape(3)), requiresGrad: true);

        Functions.Sum(Functions.Square(x)).Backward();

        Assert.True(x.Grad!.IsOnDevice);
        Assert.Equal([4f, 4f, 4f], x.Grad.To(ComputeDevice.Cpu).Data);
    }
}
