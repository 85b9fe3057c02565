using NativeGan.Tensors.Pooling;

namespace NativeGan.Tensors.Tests.Pooling;

public sealed class AvgPool2dKernelsTests
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var (name, _, _) in PoolCases.All())
        {
            data.Add(name, true);
            data.Add(name, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_RandomInput_MatchesFloat64(string name, bool countIncludePad)
    {
        var (geometry, x) = Setup(name, seed: 4);
        var y = new float[geometry.Planes * geometry.OutPlaneSize];

        AvgPool2dKernels.Forward(geometry, countIncludePad, x, y);

        double[] expected = PoolReference.AvgPool(
            x, geometry.Planes, geometry.InHeight, geometry.InWidth, geometry.OutHeight,
            geometry.OutWidth, geometry.Options, countIncludePad);
        TensorAssert.Close(expected, y, 1e-6, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_RandomGradient_MatchesFloat64(string name, bool countIncludePad)
    {
        var (geometry, x) = Setup(name, seed: 5);
        float[] dY = RandomTensors.Uniform(new Rng(6), [geometry.Planes * geometry.OutPlaneSize])
            .Data;
        var dX = new float[x.Length];
        dX.AsSpan().Fill(float.NaN);

        AvgPool2dKernels.Backward(geometry, countIncludePad, dY, dX);

        double[] expected = PoolReference.AvgPoolBackward(
            dY, geometry.Planes, geometry.InHeight, geometry.InWidth, geometry.OutHeight,
            geometry.OutWidth, geometry.Options, countIncludePad);
        TensorAssert.Close(expected, dX, 1e-6, 1e-6);
    }

    [Theory]
    [InlineData(true, 4f / 9f)]
    [InlineData(false, 1f)]
    public void Forward_CornerWithPadding_DividesByCount(bool countIncludePad, float expected)
    {
        // A 3 x 3 window at the corner of a padded plane of ones covers 4 input pixels.
        var geometry = Pool2dGeometry.Create(
            new Shape(1, 1, 4, 4), new Pool2dOptions(3, 1, 1), "test");
        var x = Enumerable.Repeat(1f, 16).ToArray();
        var y = new float[16];

        AvgPool2dKernels.Forward(geometry, countIncludePad, x, y);

        Assert.Equal(expected, y[0], 1e-6f);
    }

    [Fact]
    public void Forward_Dilation_Throws()
    {
        var geometry = Pool2dGeometry.Create(
            new Shape(1, 1, 5, 5), new Pool2dOptions(2, dilation: 2), "test");

        var error = Assert.Throws<ArgumentException>(
            () => AvgPool2dKernels.Forward(geometry, true, new float[25], new float[4]));

        Assert.Contains("dilation (2, 2)", error.Message);
    }

    private static (Pool2dGeometry Geometry, float[] X) Setup(string name, ulong seed)
    {
        var (_, shape, options) = PoolCases.All().Single(c => c.Name == name);
        var geometry = Pool2dGeometry.Create(new Shape(shape), options, "AvgPool2d");
        float[] x = RandomTensors.Uniform(new Rng(seed), shape).Data;
        return (geometry, x);
    }
}
