namespace NativeGan.Tensors.Tests;

public sealed class TensorTests
{
    [Theory]
    [InlineData(new[] { 2, 3, 4 }, new[] { 6, -1 }, new[] { 6, 4 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { -1 }, new[] { 24 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 4, -1, 2 }, new[] { 4, 3, 2 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { -1, 1, 1 }, new[] { 24, 1, 1 })]
    [InlineData(new[] { 7 }, new[] { 1, 7 }, new[] { 1, 7 })]
    [InlineData(new[] { 1 }, new int[0], new int[0])]
    [InlineData(new int[0], new[] { -1 }, new[] { 1 })]
    [InlineData(new[] { 0, 3 }, new[] { 3, 0 }, new[] { 3, 0 })]
    public void Reshape_ValidShape_ResolvesDims(int[] from, int[] to, int[] expected)
    {
        var tensor = new Tensor(from);

        Tensor view = tensor.Reshape(to);

        Assert.Equal(new Shape(expected), view.Shape);
    }

    [Fact]
    public void Reshape_View_SharesStorage()
    {
        var tensor = new Tensor(2, 3);

        Tensor view = tensor.Reshape(3, -1);
        view[2, 1] = 5f;

        Assert.Same(tensor.Data, view.Data);
        Assert.Equal(5f, tensor[1, 2]);
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 4, -1 })]
    [InlineData(new[] { 2, 3 }, new[] { 7 })]
    [InlineData(new[] { 2, 3 }, new[] { -1, -1 })]
    [InlineData(new[] { 2, 3 }, new[] { 0, -1 })]
    [InlineData(new[] { 2, 3 }, new[] { -2, -3 })]
    [InlineData(new[] { 0, 3 }, new[] { -1, 0 })]
    [InlineData(new[] { 0, 3 }, new[] { -2, 3 })]
    public void Reshape_InvalidShape_ThrowsWithBothShapes(int[] from, int[] to)
    {
        var tensor = new Tensor(from);

        var error = Assert.Throws<ArgumentException>(() => tensor.Reshape(to));

        Assert.Contains(tensor.Shape.ToString(), error.Message);
        Assert.Contains("(" + string.Join(", ", to) + ")", error.Message);
    }

    [Fact]
    public void Constructor_DataLengthMismatch_ThrowsWithShape()
    {
        var error = Assert.Throws<ArgumentException>(() => new Tensor(new float[5], 2, 3));

        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("5", error.Message);
    }

    [Fact]
    public void Indexer_RowMajor_MatchesFlatOffset()
    {
        var tensor = new Tensor(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), 2, 3, 4);

        Assert.Equal(1 * 12 + 2 * 4 + 3, tensor[1, 2, 3]);
    }

    [Theory]
    [InlineData(new[] { 2, 0 })]
    [InlineData(new[] { -1, 0 })]
    [InlineData(new[] { 0, 3 })]
    public void Indexer_OutOfRange_Throws(int[] index)
    {
        var tensor = new Tensor(2, 3);

        Assert.Throws<IndexOutOfRangeException>(() => tensor[index]);
    }

    [Fact]
    public void Indexer_WrongRank_Throws()
    {
        var tensor = new Tensor(2, 3);

        Assert.Throws<ArgumentException>(() => tensor[1]);
    }

    [Fact]
    public void FromArray_SourceChangedLater_TensorUnchanged()
    {
        float[] values = [1f, 2f, 3f];
        Tensor tensor = Tensor.FromArray(values, 3);

        values[0] = 9f;

        Assert.Equal(1f, tensor.Data[0]);
    }

    [Fact]
    public void Clone_Modified_OriginalUnchanged()
    {
        Tensor tensor = Tensor.Full(2f, 2, 2);

        Tensor copy = tensor.Clone();
        copy.Data[0] = 0f;

        Assert.Equal(2f, tensor.Data[0]);
        Assert.Equal(tensor.Shape, copy.Shape);
    }

    [Fact]
    public void CopyFrom_DifferentShape_ThrowsWithBothShapes()
    {
        var target = new Tensor(2, 3);
        var source = new Tensor(3, 2);

        var error = Assert.Throws<ArgumentException>(() => target.CopyFrom(source));

        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("(3, 2)", error.Message);
    }

    [Fact]
    public void Item_ManyElements_ThrowsWithShape()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Tensor(2, 2).Item());

        Assert.Contains("(2, 2)", error.Message);
    }

    [Fact]
    public void Item_OneElementOfRankTwo_ReturnsValue()
    {
        Assert.Equal(3f, Tensor.Full(3f, 1, 1).Item());
    }
}
