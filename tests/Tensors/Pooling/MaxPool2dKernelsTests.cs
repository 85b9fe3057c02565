using NativeGan.Tensors.Pooling;

namespace NativeGan.Tensors.Tests.Pooling;

public sealed class MaxPool2dKernelsTests
{
    public static TheoryData<string> Cases() =>
        new(PoolCases.All().Concat(PoolCases.Dilated()).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_RandomInput_MatchesFloat64(string name)
    {
        var (geometry, x) = Setup(name, seed: 1);
        var y = new float[geometry.Planes * geometry.OutPlaneSize];
        var indices = new int[y.Length];

        MaxPool2dKernels.Forward(geometry, x, y, indices);

        var (expected, expectedIndices) = PoolReference.MaxPool(
            x, geometry.Planes, geometry.InHeight, geometry.InWidth, geometry.OutHeight,
            geometry.OutWidth, geometry.Options);
        TensorAssert.Close(expected, y, 0, 0);
        Assert.Equal(expectedIndices, indices);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_RandomGradient_MatchesScatterToArgmax(string name)
    {
        var (geometry, x) = Setup(name, seed: 2);
        var y = new float[geometry.Planes * geometry.OutPlaneSize];
        var indices = new int[y.Length];
        MaxPool2dKernels.Forward(geometry, x, y, indices);
        float[] dY = RandomTensors.Uniform(new Rng(3), [y.Length]).Data;
        var dX = new float[x.Length];
        dX.AsSpan().Fill(float.NaN);

        MaxPool2dKernels.Backward(geometry, dY, indices, dX);

        var (_, expectedIndices) = PoolReference.MaxPool(
            x, geometry.Planes, geometry.InHeight, geometry.InWidth, geometry.OutHeight,
            geometry.OutWidth, geometry.Options);
        var expected = new double[x.Length];
        for (int o = 0; o < dY.Length; o++)
        {
            int plane = o / geometry.OutPlaneSize;
            expected[plane * geometry.InPlaneSize + expectedIndices[o]] += dY[o];
        }

        TensorAssert.Close(expected, dX, 1e-6, 1e-6);
    }

    [Fact]
    public void Forward_TiedValues_PicksFirstInWindow()
    {
        // Every window of a constant plane ties; the index must be its top-left tap.
        var geometry = Pool2dGeometry.Create(new Shape(1, 1, 4, 6), new Pool2dOptions(2), "test");
        var x = new float[24];
        x.AsSpan().Fill(0.5f);
        var y = new float[6];
        var indices = new int[6];

        MaxPool2dKernels.Forward(geometry, x, y, indices);

        Assert.Equal([0, 2, 4, 12, 14, 16], indices);
    }

    [Fact]
    public void Forward_PaddedWindow_NeverPicksPadding()
    {
        // All inputs are negative; padding counts as -infinity, so it never wins.
        var geometry = Pool2dGeometry.Create(
            new Shape(1, 1, 3, 3), new Pool2dOptions(3, 1, 1), "test");
        float[] x = Enumerable.Range(1, 9).Select(v => -(float)v).ToArray();
        var y = new float[9];
        var indices = new int[9];

        MaxPool2dKernels.Forward(geometry, x, y, indices);

        Assert.Equal(-1f, y[0]);
        Assert.Equal(-5f, y[8]);
        Assert.Equal(4, indices[8]);
    }

    [Fact]
    public void Forward_NaNInWindow_PropagatesNaN()
    {
        var geometry = Pool2dGeometry.Create(new Shape(1, 1, 2, 4), new Pool2dOptions(2), "test");
        float[] x = [1f, 2f, 3f, float.NaN, 5f, 6f, 7f, 8f];
        var y = new float[2];
        var indices = new int[2];

        MaxPool2dKernels.Forward(geometry, x, y, indices);

        Assert.Equal(6f, y[0]);
        Assert.True(float.IsNaN(y[1]));
        Assert.Equal(3, indices[1]);
    }

    [Fact]
    public void Forward_WindowMissingInput_GivesNegativeInfinity()
    {
        // Taps at -1 and 4 of a 4-pixel axis: the one window lies wholly in the padding.
        var options = new Pool2dOptions(2, 2, 1, 5);
        var geometry = Pool2dGeometry.Create(new Shape(1, 1, 4, 4), options, "test");
        var y = new float[1];
        var indices = new int[1];
        var dX = new float[16];

        MaxPool2dKernels.Forward(geometry, new float[16], y, indices);
        MaxPool2dKernels.Backward(geometry, [1f], indices, dX);

        Assert.Equal(float.NegativeInfinity, y[0]);
        Assert.Equal(-1, indices[0]);
        Assert.All(dX, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Backward_IndexOutsidePlane_ThrowsWithIndex()
    {
        var geometry = Pool2dGeometry.Create(new Shape(1, 1, 2, 2), new Pool2dOptions(2), "test");

        var error = Assert.Throws<ArgumentException>(
            () => MaxPool2dKernels.Backward(geometry, [1f], [4], new float[4]));

        Assert.Contains("index 4", error.Message);
    }

    [Fact]
    public void Forward_WrongOutputLength_ThrowsWithShape()
    {
        var geometry = Pool2dGeometry.Create(new Shape(1, 2, 4, 4), new Pool2dOptions(2), "test");

        var error = Assert.Throws<ArgumentException>(
            () => MaxPool2dKernels.Forward(geometry, new float[32], new float[7], new int[8]));

        Assert.Contains("y has 7 elements", error.Message);
        Assert.Contains("(1, 2, 2, 2)", error.Message);
    }

    private static (Pool2dGeometry Geometry, float[] X) Setup(string name, ulong seed)
    {
        var (_, shape, options) = PoolCases.All().Concat(PoolCases.Dilated())
            .Single(c => c.Name == name);
        var geometry = Pool2dGeometry.Create(new Shape(shape), options, "MaxPool2d");
        float[] x = RandomTensors.Uniform(new Rng(seed), shape).Data;
        return (geometry, x);
    }
}
