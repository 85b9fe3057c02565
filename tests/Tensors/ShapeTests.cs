namespace NativeGan.Tensors.Tests;

public sealed class ShapeTests
{
    [Theory]
    [InlineData(new int[0], "()")]
    [InlineData(new[] { 5 }, "(5,)")]
    [InlineData(new[] { 2, 3 }, "(2, 3)")]
    [InlineData(new[] { 64, 1, 28, 28 }, "(64, 1, 28, 28)")]
    [InlineData(new[] { 0, 3 }, "(0, 3)")]
    public void ToString_Dims_FormatsLikePythonTuple(int[] dims, string expected)
    {
        Assert.Equal(expected, new Shape(dims).ToString());
    }

    [Theory]
    [InlineData(new int[0], 1)]
    [InlineData(new[] { 7 }, 7)]
    [InlineData(new[] { 3, 1, 5 }, 15)]
    [InlineData(new[] { 4, 0, 2 }, 0)]
    public void ElementCount_Dims_IsProduct(int[] dims, int expected)
    {
        Assert.Equal(expected, new Shape(dims).ElementCount);
    }

    [Fact]
    public void ElementCount_TooLarge_Throws()
    {
        var shape = new Shape(65536, 65536);

        Assert.Throws<InvalidOperationException>(() => shape.ElementCount);
    }

    [Fact]
    public void Constructor_NegativeDimension_ThrowsWithShape()
    {
        var error = Assert.Throws<ArgumentException>(() => new Shape(2, -3));

        Assert.Contains("(2, -3)", error.Message);
    }

    [Fact]
    public void Constructor_ArrayChangedLater_ShapeUnchanged()
    {
        int[] dims = [2, 3];
        var shape = new Shape(dims);

        dims[0] = 9;

        Assert.Equal(2, shape[0]);
    }

    [Fact]
    public void Default_BehavesAsRankZero()
    {
        Shape shape = default;

        Assert.Equal(0, shape.Rank);
        Assert.Equal(1, shape.ElementCount);
        Assert.Equal(new Shape(), shape);
        Assert.Equal("()", shape.ToString());
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(2, 4)]
    [InlineData(-1, 4)]
    [InlineData(-3, 2)]
    public void Indexer_PositiveAndNegativeAxes_ReturnsDimension(int axis, int expected)
    {
        Assert.Equal(expected, new Shape(2, 3, 4)[axis]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-4)]
    public void NormalizeAxis_OutOfRange_ThrowsWithAxisAndShape(int axis)
    {
        var shape = new Shape(2, 3, 4);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => shape.NormalizeAxis(axis));

        Assert.Contains($"Axis {axis} ", error.Message);
        Assert.Contains("(2, 3, 4)", error.Message);
    }

    [Fact]
    public void Equality_SameDims_EqualWithSameHash()
    {
        var a = new Shape(3, 1, 5);
        var b = new Shape(3, 1, 5);

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData(new[] { 3, 5 }, new[] { 5, 3 })]
    [InlineData(new[] { 5 }, new[] { 1, 5 })]
    [InlineData(new int[0], new[] { 1 })]
    public void Equality_DifferentDims_NotEqual(int[] a, int[] b)
    {
        Assert.True(new Shape(a) != new Shape(b));
    }

    [Fact]
    public void ToArray_Modified_ShapeUnchanged()
    {
        var shape = new Shape(2, 3);

        shape.ToArray()[0] = 7;

        Assert.Equal(new Shape(2, 3), shape);
    }
}
