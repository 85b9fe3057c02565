using NativeGan.Tensors.Convolution;

namespace NativeGan.Tensors.Tests.Convolution;

public sealed class ConvTranspose2dKernelTests
{
    // Odd sizes, output padding below the stride and below only the dilation, strides that
    // leave output pixels unreached, and kernels covering a 1 x 1 input. The last three are
    // the generator layers of DCGAN-MNIST at batch 2, with fewer channels where the float64
    // loops would be slow.
    private static readonly ConvCase[] Cases =
    [
        new("odd sizes k3 s2 p1 d2 op1", 3, 5, 7, 9, 4, 3, 2, 1, 2, 1),
        new("asymmetric pairs", 2, 3, 4, 5, 5, (3, 2), (2, 1), (1, 0), (1, 2), (1, 0)),
        new("unit stride k3 p1", 2, 3, 5, 4, 2, 3, 1, 1, 1, 0),
        new("stride above kernel op2", 2, 2, 3, 4, 3, 2, 3, 0, 1, 2),
        new("output padding below dilation", 2, 2, 4, 5, 3, 3, 1, 1, 2, 1),
        new("single sample", 1, 3, 4, 3, 4, 3, 2, 1, 1, 1),
        new("1x1 input, 1 input channel", 3, 1, 1, 1, 6, (3, 4), 1, 0, 1, 0),
        new("G1 ConvT(100,256,k7) 1", 2, 100, 1, 1, 256, 7, 1, 0, 1, 0),
        new("G2 ConvT(32,16,k4,s2,p1) 7", 2, 32, 7, 7, 16, 4, 2, 1, 1, 0),
        new("G3 ConvT(128,1,k4,s2,p1) 14", 2, 128, 14, 14, 1, 4, 2, 1, 1, 0),
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

        Assert.Equal(new Shape(c.Batch, c.OutChannels, c.TransposedOutput.Height,
            c.TransposedOutput.Width), g.InputShape);
        Assert.Equal(new Shape(c.InputShape), g.OutputShape);
    }

    [Theory]
    [MemberData(nameof(CaseNamesWithBias))]
    public void Forward_Case_MatchesFloat64(string name, bool withBias)
    {
        ConvCase c = Find(name);
        var rng = new Rng(21);
        Conv2dGeometry g = Geometry(c);
        Tensor x = RandomTensors.Uniform(rng, c.InputShape);
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        Tensor? bias = withBias ? RandomTensors.Uniform(rng, [c.OutChannels]) : null;
        var y = Tensor.Full(float.NaN, g.InputShape.ToArray());

        ConvTranspose2dKernels.Forward(g, x.Data, w.Data, bias?.Data, y.Data);

        long terms = (long)c.InChannels * c.Kernel.Height * c.Kernel.Width + 1;
        ConvAssert.Close(ConvReference.ConvTranspose2dForward(c, x, w, bias), y.Data, terms);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardInput_Case_MatchesFloat64(string name)
    {
        ConvCase c = Find(name);
        (Conv2dGeometry g, Tensor x, Tensor w, Tensor dY) = Inputs(c);
        var dX = Tensor.Full(float.NaN, c.InputShape);

        ConvTranspose2dKernels.Backward(g, x.Data, w.Data, dY.Data, dX.Data, null);

        long terms = (long)c.OutChannels * c.Kernel.Height * c.Kernel.Width;
        ConvAssert.Close(ConvReference.ConvTranspose2dBackwardInput(c, dY, w), dX.Data, terms);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardWeight_Case_MatchesFloat64(string name)
    {
        ConvCase c = Find(name);
        (Conv2dGeometry g, Tensor x, Tensor w, Tensor dY) = Inputs(c);
        var dW = Tensor.Full(float.NaN, g.WeightShape.ToArray());

        ConvTranspose2dKernels.Backward(g, x.Data, w.Data, dY.Data, null, dW.Data);

        long terms = (long)c.Batch * c.Height * c.Width;
        ConvAssert.Close(ConvReference.ConvTranspose2dBackwardWeight(c, x, dY), dW.Data, terms);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardBoth_Case_MatchesSeparateCalls(string name)
    {
        ConvCase c = Find(name);
        (Conv2dGeometry g, Tensor x, Tensor w, Tensor dY) = Inputs(c);
        var dX = new Tensor(c.InputShape);
        var dW = new Tensor(g.WeightShape);
        var dXAlone = new Tensor(c.InputShape);
        var dWAlone = new Tensor(g.WeightShape);

        ConvTranspose2dKernels.Backward(g, x.Data, w.Data, dY.Data, dX.Data, dW.Data);
        ConvTranspose2dKernels.Backward(g, x.Data, w.Data, dY.Data, dXAlone.Data, null);
        ConvTranspose2dKernels.Backward(g, x.Data, w.Data, dY.Data, null, dWAlone.Data);

        Assert.Equal(dXAlone.Data, dX.Data);
        Assert.Equal(dWAlone.Data, dW.Data);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BackwardBias_Case_MatchesFloat64(string name)
    {
        ConvCase c = Find(name);
        (Conv2dGeometry g, _, _, Tensor dY) = Inputs(c);
        var dB = Tensor.Full(float.NaN, c.OutChannels);

        ConvTranspose2dKernels.BackwardBias(g, dY.Data, dB.Data);

        long terms = (long)c.Batch * g.InPlaneSize;
        ConvAssert.Close(ConvReference.BiasGradient(dY), dB.Data, terms);
    }

    internal static Conv2dGeometry Geometry(ConvCase c) =>
        Conv2dGeometry.ForConvTranspose2d(
            new Shape(c.InputShape),
            new Shape(c.InChannels, c.OutChannels, c.Kernel.Height, c.Kernel.Width),
            c.Stride, c.Padding, c.OutputPadding, c.Dilation);

    private static (Conv2dGeometry G, Tensor X, Tensor W, Tensor DY) Inputs(ConvCase c)
    {
        var rng = new Rng(22);
        Conv2dGeometry g = Geometry(c);
        Tensor x = RandomTensors.Uniform(rng, c.InputShape);
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        Tensor dY = RandomTensors.Uniform(rng, g.InputShape.ToArray());
        return (g, x, w, dY);
    }

    private static ConvCase Find(string name) => Cases.Single(c => c.Name == name);
}
