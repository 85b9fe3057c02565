using NativeGan.Tensors.Convolution;

namespace NativeGan.Tensors.Tests.Convolution;

/// <summary>
/// Runs the grouped GEMM path with small groups, so that 5 samples split into several
/// groups, the last one shorter, and a group of one reads its planes in place.
/// </summary>
public sealed class GroupedConvolutionTests
{
    private static readonly ConvCase Case = new("odd sizes", 5, 3, 7, 6, 4, 3, 2, 1, (2, 1));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Correlate_Groups_MatchesFloat64(int group)
    {
        var rng = new Rng(31);
        Conv2dGeometry g = Conv2dKernelTests.Geometry(Case);
        Tensor x = RandomTensors.Uniform(rng, Case.InputShape);
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        Tensor dY = RandomTensors.Uniform(rng, g.OutputShape.ToArray());
        var y = Tensor.Full(float.NaN, g.OutputShape.ToArray());
        var dW = Tensor.Full(float.NaN, g.WeightShape.ToArray());

        GroupedConvolution.Correlate(g, x.Data, w.Data, y.Data, dY.Data, dW.Data, group);

        ConvAssert.Close(ConvReference.Conv2dForward(Case, x, w, null), y.Data,
            g.ReceptiveFieldSize);
        ConvAssert.Close(ConvReference.Conv2dBackwardWeight(Case, x, dY), dW.Data,
            (long)Case.Batch * g.OutPlaneSize);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Transpose_Groups_MatchesFloat64(int group)
    {
        var rng = new Rng(32);
        Conv2dGeometry g = Conv2dKernelTests.Geometry(Case);
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        Tensor dY = RandomTensors.Uniform(rng, g.OutputShape.ToArray());
        var dX = Tensor.Full(float.NaN, Case.InputShape);

        GroupedConvolution.Transpose(g, dY.Data, w.Data, dX.Data, group);

        long terms = (long)Case.OutChannels * Case.Kernel.Height * Case.Kernel.Width;
        ConvAssert.Close(ConvReference.Conv2dBackwardInput(Case, dY, w), dX.Data, terms);
    }

    [Fact]
    public void GroupSize_LargeReceptiveField_FitsBudget()
    {
        // (K + Cout) P = (64 * 9 + 2) * 16 * 16 = 147968 floats per sample: 3 fit 2^19.
        Conv2dGeometry g = Conv2dGeometry.ForConv2d(
            new Shape(7, 64, 16, 16), new Shape(2, 64, 3, 3), 1, 1, 1);

        Assert.Equal(3, GroupedConvolution.GroupSize(g));
    }

    [Fact]
    public void GroupSize_SampleLargerThanBudget_IsOne()
    {
        // (64 * 9 + 2) * 32 * 32 = 591872 floats per sample, more than 2^19.
        Conv2dGeometry g = Conv2dGeometry.ForConv2d(
            new Shape(3, 64, 32, 32), new Shape(2, 64, 3, 3), 1, 1, 1);

        Assert.Equal(1, GroupedConvolution.GroupSize(g));
    }

    [Fact]
    public void GroupSize_SmallLayer_TakesWholeBatch()
    {
        Conv2dGeometry g = Conv2dGeometry.ForConv2d(
            new Shape(9, 2, 6, 6), new Shape(3, 2, 3, 3), 1, 0, 1);

        Assert.Equal(9, GroupedConvolution.GroupSize(g));
    }
}
