using NativeGan.Tensors.Normalization;

namespace NativeGan.Tensors.Tests.Normalization;

public sealed class BatchNormKernelsTests
{
    private const double Eps = 1e-5;

    // (N, C, Spatial): Spatial 1 runs the column loops, larger values the plane loops.
    // Channel counts such as 13 and 37 leave a scalar tail after the vector lanes.
    public static TheoryData<int, int, int, bool> Layouts()
    {
        var data = new TheoryData<int, int, int, bool>();
        int[][] layouts = [[7, 13, 1], [4, 37, 1], [2, 1, 1], [3, 5, 63], [2, 3, 5], [1, 2, 17]];
        foreach (int[] l in layouts)
        {
            data.Add(l[0], l[1], l[2], true);
            data.Add(l[0], l[1], l[2], false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ForwardTraining_RandomInput_MatchesFloat64(
        int batch, int channels, int spatial, bool affine)
    {
        var rng = new Rng((ulong)(batch * 1000 + channels * 10 + spatial));
        var (x, weight, bias) = Inputs(rng, batch, channels, spatial, affine);
        var layout = new BatchNormLayout(batch, channels, spatial);
        var y = new float[x.Length];
        var mean = new double[channels];
        var variance = new double[channels];

        BatchNormKernels.ForwardTraining(x, layout, weight, bias, Eps, y, mean, variance);

        var (expectedMean, expectedVariance) =
            BatchNormReference.Statistics(x, batch, channels, spatial);
        double[] expectedY = BatchNormReference.Forward(
            x, batch, channels, spatial, expectedMean, expectedVariance, weight, bias, Eps);
        AssertClose(expectedMean, mean, 1e-6, 1e-7);
        AssertClose(expectedVariance, variance, 1e-6, 1e-9);
        TensorAssert.Close(expectedY, y, 1e-5, 1e-5);
    }

    [Theory]
    [InlineData(5, 3, 1)]
    [InlineData(5, 3, 41)]
    public void ForwardTraining_LargeMean_KeepsVarianceAccurate(
        int batch, int channels, int spatial)
    {
        // Values 1000 + U(-1, 1), variance about 1/3. A one-pass E[x^2] - E[x]^2 in float
        // would be off by up to 0.06, the spacing of floats near 1e6.
        var rng = new Rng(7);
        var x = new float[batch * channels * spatial];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 1000f + rng.Uniform(-1f, 1f);
        }

        var layout = new BatchNormLayout(batch, channels, spatial);
        var y = new float[x.Length];
        var mean = new double[channels];
        var variance = new double[channels];

        BatchNormKernels.ForwardTraining(x, layout, null, null, Eps, y, mean, variance);

        var (expectedMean, expectedVariance) =
            BatchNormReference.Statistics(x, batch, channels, spatial);
        AssertClose(expectedMean, mean, 1e-12, 0);
        AssertClose(expectedVariance, variance, 1e-9, 0);
        double[] expectedY = BatchNormReference.Forward(
            x, batch, channels, spatial, expectedMean, expectedVariance, null, null, Eps);
        TensorAssert.Close(expectedY, y, 1e-5, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ForwardInference_GivenStatistics_MatchesFloat64(
        int batch, int channels, int spatial, bool affine)
    {
        var rng = new Rng((ulong)(batch + channels * 100 + spatial * 10_000));
        var (x, weight, bias) = Inputs(rng, batch, channels, spatial, affine);
        var (mean, variance) = RunningStatistics(rng, channels);
        var y = new float[x.Length];

        BatchNormKernels.ForwardInference(
            x, new BatchNormLayout(batch, channels, spatial), weight, bias, mean, variance,
            Eps, y);

        double[] expected = BatchNormReference.Forward(
            x, batch, channels, spatial, mean, variance, weight, bias, Eps);
        TensorAssert.Close(expected, y, 1e-5, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void BackwardTraining_RandomInput_MatchesFloat64(
        int batch, int channels, int spatial, bool affine)
    {
        var rng = new Rng((ulong)(batch * 31 + channels * 7 + spatial));
        var (x, weight, _) = Inputs(rng, batch, channels, spatial, affine);
        float[] dY = RandomTensors.Uniform(rng, [x.Length], -1f, 1f).Data;
        var (mean, variance) = BatchNormReference.Statistics(x, batch, channels, spatial);
        var (dX, dWeight, dBias) = (new float[x.Length], new float[channels], new float[channels]);

        BatchNormKernels.Backward(
            x, dY, new BatchNormLayout(batch, channels, spatial), weight, mean, variance, Eps,
            batchStatistics: true, dX, dWeight, dBias);

        var expected = BatchNormReference.Backward(
            x, dY, batch, channels, spatial, mean, variance, weight, Eps, batchStatistics: true);
        TensorAssert.Close(expected.DX, dX, 1e-5, 1e-5);
        TensorAssert.Close(expected.DWeight, dWeight, 1e-5, 1e-5);
        TensorAssert.Close(expected.DBias, dBias, 1e-5, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void BackwardInference_GivenStatistics_MatchesFloat64(
        int batch, int channels, int spatial, bool affine)
    {
        var rng = new Rng((ulong)(batch * 17 + channels * 5 + spatial * 3));
        var (x, weight, _) = Inputs(rng, batch, channels, spatial, affine);
        float[] dY = RandomTensors.Uniform(rng, [x.Length], -1f, 1f).Data;
        var (mean, variance) = RunningStatistics(rng, channels);
        var (dX, dWeight, dBias) = (new float[x.Length], new float[channels], new float[channels]);

        BatchNormKernels.Backward(
            x, dY, new BatchNormLayout(batch, channels, spatial), weight, mean, variance, Eps,
            batchStatistics: false, dX, dWeight, dBias);

        var expected = BatchNormReference.Backward(
            x, dY, batch, channels, spatial, mean, variance, weight, Eps, batchStatistics: false);
        TensorAssert.Close(expected.DX, dX, 1e-5, 1e-5);
        TensorAssert.Close(expected.DWeight, dWeight, 1e-5, 1e-5);
        TensorAssert.Close(expected.DBias, dBias, 1e-5, 1e-5);
    }

    [Theory]
    [InlineData(6, 11, 1)]
    [InlineData(3, 4, 10)]
    public void Backward_OnlyInputGradient_MatchesFullCall(int batch, int channels, int spatial)
    {
        var rng = new Rng(3);
        var (x, weight, _) = Inputs(rng, batch, channels, spatial, affine: true);
        float[] dY = RandomTensors.Uniform(rng, [x.Length]).Data;
        var (mean, variance) = BatchNormReference.Statistics(x, batch, channels, spatial);
        var layout = new BatchNormLayout(batch, channels, spatial);
        var full = new float[x.Length];
        var alone = new float[x.Length];

        BatchNormKernels.Backward(
            x, dY, layout, weight, mean, variance, Eps, true, full, new float[channels],
            new float[channels]);
        BatchNormKernels.Backward(
            x, dY, layout, weight, mean, variance, Eps, true, alone, null, null);

        Assert.Equal(full, alone);
    }

    [Theory]
    [InlineData(512, 250, 1)]
    [InlineData(16, 9, 1024)]
    public void ForwardAndBackward_ThreadCounts_GiveIdenticalBits(
        int batch, int channels, int spatial)
    {
        var rng = new Rng(11);
        var (x, weight, bias) = Inputs(rng, batch, channels, spatial, affine: true);
        float[] dY = RandomTensors.Uniform(rng, [x.Length]).Data;
        var layout = new BatchNormLayout(batch, channels, spatial);

        var (y1, dX1, dW1) = RunBoth(x, dY, layout, weight, bias, maxThreads: 1);
        var (y4, dX4, dW4) = RunBoth(x, dY, layout, weight, bias, maxThreads: 4);
        var (yCopy, _, _) = RunBoth((float[])x.Clone(), dY, layout, weight, bias, 4);

        Assert.Equal(y1, y4);
        Assert.Equal(dX1, dX4);
        Assert.Equal(dW1, dW4);
        Assert.Equal(y1, yCopy);
    }

    [Fact]
    public void ForwardTraining_EmptyBatch_Throws()
    {
        var layout = new BatchNormLayout(0, 3, 4);

        var error = Assert.Throws<ArgumentException>(() => BatchNormKernels.ForwardTraining(
            [], layout, null, null, Eps, [], new double[3], new double[3]));

        Assert.Contains("no values per channel", error.Message);
    }

    [Fact]
    public void ForwardTraining_WrongWeightLength_ThrowsWithLengths()
    {
        var layout = new BatchNormLayout(2, 3, 4);

        var error = Assert.Throws<ArgumentException>(() => BatchNormKernels.ForwardTraining(
            new float[24], layout, new float[4], null, Eps, new float[24], new double[3],
            new double[3]));

        Assert.Contains("weight has 4 elements", error.Message);
        Assert.Contains("3 channels", error.Message);
    }

    [Fact]
    public void Backward_WrongGradientLength_ThrowsWithLengths()
    {
        var layout = new BatchNormLayout(2, 3, 4);

        var error = Assert.Throws<ArgumentException>(() => BatchNormKernels.Backward(
            new float[24], new float[23], layout, null, new double[3], new double[3], Eps,
            true, new float[24], null, null));

        Assert.Contains("dY has 23 elements", error.Message);
        Assert.Contains("needs 24", error.Message);
    }

    [Theory]
    [InlineData(new[] { 4, 3 }, 4, 3, 1)]
    [InlineData(new[] { 4, 3, 5 }, 4, 3, 5)]
    [InlineData(new[] { 2, 3, 5, 7 }, 2, 3, 35)]
    public void LayoutFromShape_ValidRanks_GroupsTrailingDims(
        int[] shape, int batch, int channels, int spatial)
    {
        var layout = BatchNormLayout.FromShape(new Shape(shape));

        Assert.Equal(new BatchNormLayout(batch, channels, spatial), layout);
    }

    [Fact]
    public void LayoutFromShape_RankOne_ThrowsWithShape()
    {
        var error = Assert.Throws<ArgumentException>(
            () => BatchNormLayout.FromShape(new Shape(5)));

        Assert.Contains("(5,)", error.Message);
    }

    private static (float[] X, float[]? Weight, float[]? Bias) Inputs(
        Rng rng, int batch, int channels, int spatial, bool affine)
    {
        float[] x = RandomTensors.Uniform(rng, [batch * channels * spatial], -3f, 2f).Data;
        if (!affine)
        {
            return (x, null, null);
        }

        return (
            x,
            RandomTensors.Uniform(rng, [channels], 0.5f, 1.5f).Data,
            RandomTensors.Uniform(rng, [channels], -1f, 1f).Data);
    }

    private static (double[] Mean, double[] Variance) RunningStatistics(Rng rng, int channels)
    {
        var mean = new double[channels];
        var variance = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            mean[c] = rng.Uniform(-1f, 1f);
            variance[c] = rng.Uniform(0.2f, 3f);
        }

        return (mean, variance);
    }

    private static (float[] Y, float[] DX, float[] DWeight) RunBoth(
        float[] x, float[] dY, BatchNormLayout layout, float[]? weight, float[]? bias,
        int maxThreads)
    {
        var y = new float[x.Length];
        var mean = new double[layout.Channels];
        var variance = new double[layout.Channels];
        BatchNormKernels.ForwardTraining(
            x, layout, weight, bias, Eps, y, mean, variance, maxThreads);
        var dX = new float[x.Length];
        var dWeight = new float[layout.Channels];
        BatchNormKernels.Backward(
            x, dY, layout, weight, mean, variance, Eps, true, dX, dWeight, null, maxThreads);
        return (y, dX, dWeight);
    }

    private static void AssertClose(
        double[] expected, double[] actual, double relative, double absolute)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double allowed = absolute + relative * Math.Abs(expected[i]);
            Assert.True(
                Math.Abs(actual[i] - expected[i]) <= allowed,
                $"Element {i}: expected {expected[i]:G17}, got {actual[i]:G17}.");
        }
    }
}
