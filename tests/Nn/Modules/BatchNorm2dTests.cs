using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Modules;

public sealed class BatchNorm2dTests
{
    private static readonly int[] Shape = [3, 5, 7, 9];

    [Fact]
    public void Forward_Training_MatchesFloat64()
    {
        var layer = new BatchNorm2d(5);
        new Rng(1).FillUniform(layer.Weight!.Value.Data, 0.5f, 1.5f);
        new Rng(2).FillUniform(layer.Bias!.Value.Data, -1f, 1f);
        Tensor x = RandomInput(3, Shape);

        Tensor y = layer.Forward(new Variable(x)).Value;

        var (mean, variance) = BatchNormFloat64.Statistics(x);
        BatchNormFloat64.AssertClose(
            BatchNormFloat64.Normalize(
                x, mean, variance, layer.Weight.Value.Data, layer.Bias.Value.Data, 1e-5),
            y.Data);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.7)]
    [InlineData(null)]
    public void RunningStatistics_FourSteps_MatchFloat64Update(double? momentum)
    {
        var layer = new BatchNorm2d(5, momentum: momentum);
        var expectedMean = new double[5];
        double[] expectedVar = Enumerable.Repeat(1.0, 5).ToArray();

        for (int step = 1; step <= 4; step++)
        {
            Tensor x = RandomInput((ulong)(10 + step), Shape, offset: step);
            layer.Forward(new Variable(x));
            // A null momentum is a cumulative average: factor 1 / (number of batches).
            BatchNormFloat64.Update(x, expectedMean, expectedVar, momentum ?? 1.0 / step);
        }

        BatchNormFloat64.AssertClose(expectedMean, layer.RunningMean!.Data, 1e-6, 1e-6);
        BatchNormFloat64.AssertClose(expectedVar, layer.RunningVar!.Data, 1e-6, 1e-6);
        Assert.Equal(4f, layer.NumBatchesTracked!.Item());
    }

    [Fact]
    public void Forward_Eval_UsesRunningStatistics()
    {
        var layer = new BatchNorm2d(5);
        for (int step = 0; step < 3; step++)
        {
            layer.Forward(new Variable(RandomInput((ulong)(20 + step), Shape, offset: 2)));
        }

        float[] runningMean = (float[])layer.RunningMean!.Data.Clone();
        float[] runningVar = (float[])layer.RunningVar!.Data.Clone();
        layer.Eval();
        Tensor x = RandomInput(30, [2, 5, 3, 4]);

        Tensor y = layer.Forward(new Variable(x)).Value;

        double[] expected = BatchNormFloat64.Normalize(
            x, runningMean.Select(v => (double)v).ToArray(),
            runningVar.Select(v => (double)v).ToArray(), null, null, 1e-5);
        BatchNormFloat64.AssertClose(expected, y.Data);
        Assert.Equal(runningMean, layer.RunningMean.Data);
        Assert.Equal(runningVar, layer.RunningVar.Data);
        Assert.Equal(3f, layer.NumBatchesTracked!.Item());
    }

    [Fact]
    public void Forward_NoGradTraining_StillUpdatesRunningStatistics()
    {
        var layer = new BatchNorm2d(5);

        using (GradMode.NoGrad())
        {
            layer.Forward(new Variable(RandomInput(40, Shape, offset: 3)));
        }

        Assert.All(layer.RunningMean!.Data, m => Assert.InRange(m, 0.2f, 0.4f));
        Assert.Equal(1f, layer.NumBatchesTracked!.Item());
    }

    [Fact]
    public void StateDict_Default_HasPyTorchNames()
    {
        var layer = new BatchNorm2d(5);

        Dictionary<string, Tensor> state = layer.StateDict();

        Assert.Equal(
            ["bias", "num_batches_tracked", "running_mean", "running_var", "weight"],
            state.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(new Shape(), state["num_batches_tracked"].Shape);
        Assert.Equal(new Shape(5), state["running_var"].Shape);
        Assert.Equal(["weight", "bias"], layer.NamedParameters().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Constructor_Default_InitializesLikePyTorch()
    {
        var layer = new BatchNorm2d(4);

        Assert.All(layer.Weight!.Value.Data, w => Assert.Equal(1f, w));
        Assert.All(layer.Bias!.Value.Data, b => Assert.Equal(0f, b));
        Assert.All(layer.RunningMean!.Data, m => Assert.Equal(0f, m));
        Assert.All(layer.RunningVar!.Data, v => Assert.Equal(1f, v));
        Assert.Equal(0f, layer.NumBatchesTracked!.Item());
        Assert.Equal(1e-5, layer.Eps);
        Assert.Equal(0.1, layer.Momentum);
    }

    [Fact]
    public void Forward_OneValuePerChannel_ThrowsAndKeepsCount()
    {
        var layer = new BatchNorm2d(5);
        var input = new Variable(RandomInput(50, [1, 5, 1, 1]));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(input));

        Assert.Contains("Expected more than 1 value per channel when training", error.Message);
        Assert.Contains("(1, 5, 1, 1)", error.Message);
        Assert.Equal(0f, layer.NumBatchesTracked!.Item());
    }

    [Fact]
    public void Forward_OneValuePerChannelInEval_Normalizes()
    {
        var layer = new BatchNorm2d(5);
        layer.Eval();

        Tensor y = layer.Forward(new Variable(Tensor.Full(2f, 1, 5, 1, 1))).Value;

        Assert.All(y.Data, v => Assert.Equal(2.0 / Math.Sqrt(1 + 1e-5), v, 1e-6));
    }

    [Theory]
    [InlineData(new[] { 3, 5, 7 })]
    [InlineData(new[] { 3, 5 })]
    [InlineData(new[] { 1, 3, 5, 7, 9 })]
    public void Forward_WrongRank_ThrowsWithShapes(int[] shape)
    {
        var layer = new BatchNorm2d(5);
        var input = new Variable(new Tensor(shape));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(input));

        Assert.Contains(input.Shape.ToString(), error.Message);
        Assert.Contains("(N, 5, H, W)", error.Message);
    }

    [Fact]
    public void Forward_WrongChannelCount_ThrowsWithShapes()
    {
        var layer = new BatchNorm2d(5);
        var input = new Variable(new Tensor(3, 4, 7, 9));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(input));

        Assert.Contains("(3, 4, 7, 9)", error.Message);
        Assert.Contains("(N, 5, H, W)", error.Message);
        Assert.Contains("num_features = 5", error.Message);
    }

    [Fact]
    public void TrackRunningStatsOff_Eval_UsesBatchStatistics()
    {
        var layer = new BatchNorm2d(5, trackRunningStats: false);
        Tensor x = RandomInput(60, Shape, offset: 1);
        float[] training = layer.Forward(new Variable(x)).Value.Data;
        layer.Eval();

        float[] evaluation = layer.Forward(new Variable(x)).Value.Data;

        Assert.Equal(training, evaluation);
        Assert.Empty(layer.NamedBuffers());
        Assert.Null(layer.RunningMean);
    }

    [Fact]
    public void AffineOff_Forward_HasNoParameters()
    {
        var layer = new BatchNorm2d(5, affine: false);
        Tensor x = RandomInput(61, Shape);

        Tensor y = layer.Forward(new Variable(x)).Value;

        var (mean, variance) = BatchNormFloat64.Statistics(x);
        BatchNormFloat64.AssertClose(
            BatchNormFloat64.Normalize(x, mean, variance, null, null, 1e-5), y.Data);
        Assert.Empty(layer.NamedParameters());
        Assert.False(layer.Affine);
    }

    [Fact]
    public void Backward_Training_ReachesWeightAndBias()
    {
        var layer = new BatchNorm2d(5);
        var input = new Variable(RandomInput(62, Shape), requiresGrad: true);

        Functions.Sum(layer.Forward(input)).Backward();

        Assert.All(layer.Bias!.Grad!.Data, g => Assert.Equal(3f * 7 * 9, g));
        Assert.All(layer.Weight!.Grad!.Data, g => Assert.Equal(0f, g, 1e-3f));
        Assert.NotNull(input.Grad);
    }

    [Fact]
    public void ResetRunningStats_AfterTraining_RestoresInitialValues()
    {
        var layer = new BatchNorm2d(5);
        layer.Forward(new Variable(RandomInput(63, Shape, offset: 2)));

        layer.ResetRunningStats();

        Assert.All(layer.RunningMean!.Data, m => Assert.Equal(0f, m));
        Assert.All(layer.RunningVar!.Data, v => Assert.Equal(1f, v));
        Assert.Equal(0f, layer.NumBatchesTracked!.Item());
    }

    [Fact]
    public void ToString_Default_ListsSettings()
    {
        Assert.Equal(
            "BatchNorm2d(64, eps=1E-05, momentum=0.1, affine=true, track_running_stats=true)",
            new BatchNorm2d(64).ToString());
    }

    [Theory]
    [InlineData(0, 1e-5, 0.1, "num_features 0")]
    [InlineData(4, 0.0, 0.1, "eps 0")]
    [InlineData(4, -1e-5, 0.1, "eps -1E-05")]
    [InlineData(4, double.NaN, 0.1, "eps NaN")]
    [InlineData(4, double.PositiveInfinity, 0.1, "eps Infinity")]
    [InlineData(4, 1e-5, -0.1, "momentum -0.1")]
    [InlineData(4, 1e-5, 1.5, "momentum 1.5")]
    [InlineData(4, 1e-5, double.NaN, "momentum NaN")]
    public void Constructor_InvalidArgument_ThrowsWithValue(
        int features, double eps, double momentum, string text)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new BatchNorm2d(features, eps, momentum));

        Assert.Contains(text, error.Message);
    }

    /// <summary>Returns offset + U(-2, 2), so the statistics differ from 0 and 1.</summary>
    internal static Tensor RandomInput(ulong seed, int[] shape, float offset = 0f)
    {
        var tensor = new Tensor(shape);
        new Rng(seed).FillUniform(tensor.Data, offset - 2f, offset + 2f);
        return tensor;
    }
}
