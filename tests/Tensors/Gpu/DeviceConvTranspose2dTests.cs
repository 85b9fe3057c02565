using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Tests.Convolution;

namespace NativeGan.Tensors.Tests.Gpu;

[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceConvTranspose2dTests(CpuAcceleratorFixture fixture)
{
    // Output padding, dilation, asymmetric pairs, and the generator's shapes of DCGAN-MNIST
    // (a 1 x 1 latent to 7 x 7, and stride 2 upsampling) with fewer channels.
    private static readonly ConvCase[] Cases =
    [
        new("odd sizes k3 s2 p1 d2 op1", 3, 5, 7, 9, 4, 3, 2, 1, 2, 1),
        new("asymmetric pairs", 2, 3, 4, 5, 5, (3, 2), (2, 1), (1, 0), (1, 2), (1, 0)),
        new("G1-like ConvT(9,7,k7) 1", 2, 9, 1, 1, 7, 7, 1, 0, 1, 0),
        new("G3-like ConvT(6,1,k4,s2,p1) 14", 2, 6, 14, 14, 1, 4, 2, 1, 1, 0),
    ];

    private readonly ComputeDevice _device = fixture.Device;

    public static TheoryData<string> CaseNames() => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_Case_MatchesCpuAndFloat64(string name)
    {
        ConvCase c = Find(name);
        var rng = new Rng(31);
        Conv2dGeometry g = ConvTranspose2dKernelTests.Geometry(c);
        Tensor x = RandomTensors.Uniform(rng, c.InputShape);
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        Tensor bias = RandomTensors.Uniform(rng, [c.OutChannels]);
        var cpu = new Tensor(g.InputShape);
        ConvTranspose2dKernels.Forward(g, x.Data, w.Data, bias.Data, cpu.Data);

        using DeviceTensor dx = x.ToDevice(_device);
        using DeviceTensor dw = w.ToDevice(_device);
        using DeviceTensor db = bias.ToDevice(_device);
        using DeviceTensor dy = Tensor.Full(float.NaN, g.InputShape.ToArray()).ToDevice(_device);
        DeviceConvTranspose2d.Forward(g, dx, dw, db, dy);

        long terms = (long)c.InChannels * c.Kernel.Height * c.Kernel.Width + 1;
        DeviceConv2dTests.AssertBoth(ConvReference.ConvTranspose2dForward(c, x, w, bias),
            cpu.Data, dy.ToHost().Data, terms);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Backward_Case_MatchesCpuAndFloat64(string name)
    {
        ConvCase c = Find(name);
        var rng = new Rng(32);
        Conv2dGeometry g = ConvTranspose2dKernelTests.Geometry(c);
        Tensor x = RandomTensors.Uniform(rng, c.InputShape);
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        Tensor dY = RandomTensors.Uniform(rng, g.InputShape.ToArray());
        var cpuDx = new Tensor(g.OutputShape);
        var cpuDw = new Tensor(g.WeightShape);
        ConvTranspose2dKernels.Backward(g, x.Data, w.Data, dY.Data, cpuDx.Data, cpuDw.Data);

        using DeviceTensor dx = x.ToDevice(_device);
        using DeviceTensor dw = w.ToDevice(_device);
        using DeviceTensor ddY = dY.ToDevice(_device);
        using DeviceTensor ddX = Tensor.Full(float.NaN, c.InputShape).ToDevice(_device);
        using DeviceTensor ddW = Tensor.Full(float.NaN, g.WeightShape.ToArray())
            .ToDevice(_device);
        DeviceConvTranspose2d.BackwardInput(g, ddY, dw, ddX);
        DeviceConvTranspose2d.BackwardWeight(g, dx, ddY, ddW);

        long inputTerms = (long)c.OutChannels * c.Kernel.Height * c.Kernel.Width;
        DeviceConv2dTests.AssertBoth(ConvReference.ConvTranspose2dBackwardInput(c, dY, w),
            cpuDx.Data, ddX.ToHost().Data, inputTerms);
        long weightTerms = (long)c.Batch * c.Height * c.Width;
        DeviceConv2dTests.AssertBoth(ConvReference.ConvTranspose2dBackwardWeight(c, x, dY),
            cpuDw.Data, ddW.ToHost().Data, weightTerms);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardBias_Case_MatchesCpuAndFloat64(string name)
    {
        ConvCase c = Find(name);
        Conv2dGeometry g = ConvTranspose2dKernelTests.Geometry(c);
        Tensor dY = RandomTensors.Uniform(new Rng(33), g.InputShape.ToArray());
        var cpu = new Tensor(c.OutChannels);
        ConvTranspose2dKernels.BackwardBias(g, dY.Data, cpu.Data);

        using DeviceTensor ddY = dY.ToDevice(_device);
        using DeviceTensor ddB = Tensor.Full(float.NaN, c.OutChannels).ToDevice(_device);
        DeviceConvTranspose2d.BackwardBias(g, ddY, ddB);

        long terms = (long)c.Batch * g.InPlaneSize;
        DeviceConv2dTests.AssertBoth(ConvReference.BiasGradient(dY), cpu.Data,
            ddB.ToHost().Data, terms);
    }

    private static ConvCase Find(string name) => Cases.Single(c => c.Name == name);
}
