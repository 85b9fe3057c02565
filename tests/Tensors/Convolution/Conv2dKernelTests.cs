using NativeGan.Tensors.Convolution;

namespace NativeGan.Tensors.Tests.Convolution;

public sealed class Conv2dKernelTests
{
    // Odd sizes, every hyperparameter path (stride 1 copies, strided gathers, dilation,
    // asymmetric pairs, kernels covering the whole input) and the discriminator layers of
    // DCGAN-MNIST at batch 2, with fewer channels where the float64 loops would be slow.
    private static readonly ConvCase[] Cases =
    [
        new("odd sizes k3 s2 p1 d2", 3, 5, 7, 9, 4, 3, 2, 1, 2),
        new("asymmetric pairs", 2, 3, 8, 6, 5, (3, 2), (2, 1), (1, 0), (1, 2)),
        new("unit stride k3 p1", 2, 3, 6, 5, 2, 3, 1, 1, 1),
        new("stride above kernel", 2, 2, 9, 9, 3, 2, 3, 0, 1),
        new("1x1 kernel", 2, 4, 5, 3, 3, 1, 1, 0, 1),
        new("padding above kernel", 2, 2, 3, 4, 3, 2, 1, 2, 1),
        new("single sample", 1, 3, 7, 5, 4, 3, 2, 1, 1),
        new("whole input, 5 channels", 3, 6, 3, 4, 5, (3, 4), 1, 0, 1),
        new("D1 Conv(1,64,k4,s2,p1) 28", 2, 1, 28, 28, 64, 4, 2, 1, 1),
        new("D2 Conv(16,24,k4,s2,p1) 14", 2, 16, 14, 14, 24, 4, 2, 1, 1),
        new("D3 Conv(128,1,k7) 7", 3, 128, 7, 7, 1, 7, 1, 0, 1),
    ];

    public static TheoryData<string> CaseNames() => new(Cases.Select(c => c.Name));

    public static TheoryData<string, bool> CaseNamesWithBias()
    {
        var data = new TheoryData<string, bool>();
        foreach (ConvCase c in Cases)
        {
            data.Add(c.Name, true);
            data.Add(c.Name, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Geometry_Case_MatchesOutputSizeFormula(string name)
    {
        ConvCase c = Find(name);

        Conv2dGeometry g = Geometry(c);

        Assert.Equal(c.ConvOutput.Height, g.OutHeight);
        Assert.Equal(c.ConvOutput.Width, g.OutWidth);
    }

    [Theory]
    [MemberData(nameof(CaseNamesWithBias))]
    public void Forward_Case_MatchesFloat64(string name, bool withBias)
    {
        ConvCase c = Find(name);
        var rng = new Rng(11);
        Conv2dGeometry g = Geometry(c);
        Tensor x = RandomTensors.Uniform(rng, c.InputShape);
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        Tensor? bias = withBias ? RandomTensors.Uniform(rng, [c.OutChannels]) : null;
        var y = new Tensor(g.OutputShape);
        y.AsSpan().Fill(float.NaN);

        Conv2dKernels.Forward(g, x.Data, w.Data, bias?.Data, y.Data);

        long terms = g.ReceptiveFieldSize + 1;
        ConvAssert.Close(ConvReference.Conv2dForward(c, x, w, bias), y.Data, terms);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardInput_Case_MatchesFloat64(string name)
    {
        ConvCase c = Find(name);
        var rng = new Rng(12);
        Conv2dGeometry g = Geometry(c);
        Tensor dY = RandomTensors.Uniform(rng, g.OutputShape.ToArray());
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        var dX = new Tensor(g.InputShape);
        dX.AsSpan().Fill(float.NaN);

        Conv2dKernels.BackwardInput(g, dY.Data, w.Data, dX.Data);

        long terms = (long)c.OutChannels * c.Kernel.Height * c.Kernel.Width;
        ConvAssert.Close(ConvReference.Conv2dBackwardInput(c, dY, w), dX.Data, terms);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardWeight_Case_MatchesFloat64(string name)
    {
        ConvCase c = Find(name);
        var rng = new Rng(13);
        Conv2dGeometry g = Geometry(c);
        Tensor x = RandomTensors.Uniform(rng, c.InputShape);
        Tensor dY = RandomTensors.Uniform(rng, g.OutputShape.ToArray());
        var dW = new Tensor(g.WeightShape);
        dW.AsSpan().Fill(float.NaN);

        Conv2dKernels.BackwardWeight(g, x.Data, dY.Data, dW.Data);

        long terms = (long)c.Batch * g.OutPlaneSize;
        ConvAssert.Close(ConvReference.Conv2dBackwardWeight(c, x, dY), dW.Data, terms);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardBias_Case_MatchesFloat64(string name)
    {
        ConvCase c = Find(name);
        var rng = new Rng(14);
        Conv2dGeometry g = Geometry(c);
        Tensor dY = RandomTensors.Uniform(rng, g.OutputShape.ToArray());
        var dB = Tensor.Full(float.NaN, c.OutChannels);

        Conv2dKernels.BackwardBias(g, dY.Data, dB.Data);

        long terms = (long)c.Batch * g.OutPlaneSize;
        ConvAssert.Close(ConvReference.BiasGradient(dY), dB.Data, terms);
    }

    [Fact]
    public void BackwardWeight_EmptyBatch_GivesZero()
    {
        Conv2dGeometry g = Conv2dGeometry.ForConv2d(
            new Shape(0, 2, 5, 5), new Shape(3, 2, 3, 3), 1, 1, 1);
        var dW = Tensor.Full(float.NaN, 3, 2, 3, 3);

        Conv2dKernels.BackwardWeight(g, [], [], dW.Data);

        Assert.All(dW.Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Forward_WrongOutputLength_ThrowsWithShape()
    {
        Conv2dGeometry g = Conv2dGeometry.ForConv2d(
            new Shape(1, 1, 4, 4), new Shape(2, 1, 3, 3), 1, 0, 1);

        var error = Assert.Throws<ArgumentException>(
            () => Conv2dKernels.Forward(g, new float[16], new float[18], null, new float[7]));

        Assert.Contains("(1, 2, 2, 2)", error.Message);
    }

    internal static Conv2dGeometry Geometry(ConvCase c) =>
        Conv2dGeometry.ForConv2d(
            new Shape(c.InputShape),
            new Shape(c.OutChannels, c.InChannels, c.Kernel.Height, c.Kernel.Width),
            c.Stride, c.Padding, c.Dilation);

    private static ConvCase Find(string name) => Cases.Single(c => c.Name == name);
}
