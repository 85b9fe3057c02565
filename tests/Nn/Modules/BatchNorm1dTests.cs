using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Modules;

public sealed class BatchNorm1dTests
{
    [Theory]
    [InlineData(new[] { 9, 13 })]
    [InlineData(new[] { 3, 5, 11 })]
    public void Forward_Training_MatchesFloat64(int[] shape)
    {
        var layer = new BatchNorm1d(shape[1]);
        new Rng(1).FillUniform(layer.Weight!.Value.Data, 0.5f, 1.5f);
        new Rng(2).FillUniform(layer.Bias!.Value.Data, -1f, 1f);
        Tensor x = BatchNorm2dTests.RandomInput(3, shape, offset: 1f);

        Tensor y = layer.Forward(new Variable(x)).Value;

        var (mean, variance) = BatchNormFloat64.Statistics(x);
        BatchNormFloat64.AssertClose(
            BatchNormFloat64.Normalize(
                x, mean, variance, layer.Weight.Value.Data, layer.Bias.Value.Data, 1e-5),
            y.Data);
    }

    [Theory]
    [InlineData(new[] { 6, 7 })]
    [InlineData(new[] { 2, 3, 4 })]
    public void RunningStatistics_ThreeSteps_MatchFloat64Update(int[] shape)
    {
        // For (N, C, L) the variance is made unbiased over n = N * L values, not N.
        var layer = new BatchNorm1d(shape[1], momentum: 0.3);
        var expectedMean = new double[shape[1]];
        double[] expectedVar = Enumerable.Repeat(1.0, shape[1]).ToArray();

        for (int step = 0; step < 3; step++)
        {
            Tensor x = BatchNorm2dTests.RandomInput((ulong)(5 + step), shape, offset: -step);
            layer.Forward(new Variable(x));
            BatchNormFloat64.Update(x, expectedMean, expectedVar, 0.3);
        }

        BatchNormFloat64.AssertClose(expectedMean, layer.RunningMean!.Data, 1e-6, 1e-6);
        BatchNormFloat64.AssertClose(expectedVar, layer.RunningVar!.Data, 1e-6, 1e-6);
    }

    [Theory]
    [InlineData(new[] { 1, 4 })]
    [InlineData(new[] { 1, 4, 1 })]
    public void Forward_OneValuePerChannel_Throws(int[] shape)
    {
        var layer = new BatchNorm1d(4);
        var input = new Variable(new Tensor(shape));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(input));

        Assert.Contains("Expected more than 1 value per channel when training", error.Message);
    }

    [Fact]
    public void Forward_OneSampleOfLengthTwo_Normalizes()
    {
        var layer = new BatchNorm1d(2);
        var input = new Variable(Tensor.FromArray([1f, 3f, -2f, 2f], 1, 2, 2));

        Tensor y = layer.Forward(input).Value;

        double scale = 1.0 / Math.Sqrt(1 + 1e-5);
        BatchNormFloat64.AssertClose([-scale, scale, -scale, scale], y.Data);
    }

    [Theory]
    [InlineData(new[] { 4 })]
    [InlineData(new[] { 2, 4, 3, 3 })]
    public void Forward_WrongRank_ThrowsWithShapes(int[] shape)
    {
        var layer = new BatchNorm1d(4);
        var input = new Variable(new Tensor(shape));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(input));

        Assert.Contains(input.Shape.ToString(), error.Message);
        Assert.Contains("(N, 4) or (N, 4, L)", error.Message);
    }

    [Fact]
    public void Forward_WrongChannelCount_ThrowsWithShapes()
    {
        var layer = new BatchNorm1d(4);
        var input = new Variable(new Tensor(8, 3));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(input));

        Assert.Contains("(8, 3)", error.Message);
        Assert.Contains("(N, 4)", error.Message);
    }

    [Fact]
    public void StateDict_InSequential_HasPrefixedPyTorchNames()
    {
        var model = new Sequential(new Linear(3, 4, new Rng(1)), new BatchNorm1d(4));

        string[] names = model.StateDict().Keys.Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            [
                "0.bias", "0.weight", "1.bias", "1.num_batches_tracked", "1.running_mean",
                "1.running_var", "1.weight",
            ],
            names);
    }
}
