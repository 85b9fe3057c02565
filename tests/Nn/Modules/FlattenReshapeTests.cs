using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Modules;

public sealed class FlattenReshapeTests
{
    [Theory]
    [InlineData(1, -1, new[] { 2, 60 })]
    [InlineData(0, -1, new[] { 120 })]
    [InlineData(1, 2, new[] { 2, 12, 5 })]
    [InlineData(-2, -1, new[] { 2, 3, 20 })]
    [InlineData(2, 2, new[] { 2, 3, 4, 5 })]
    public void Flatten_Dims_MergeRange(int startDim, int endDim, int[] expected)
    {
        var layer = new Flatten(startDim, endDim);

        Variable y = layer.Forward(new Variable(new Tensor(2, 3, 4, 5)));

        Assert.Equal(new Shape(expected), y.Shape);
    }

    [Fact]
    public void Flatten_Forward_SharesStorage()
    {
        var x = new Variable(Tensor.Ones(2, 3, 4));

        Variable y = new Flatten().Forward(x);

        Assert.Same(x.Value.Data, y.Value.Data);
    }

    [Fact]
    public void Flatten_Backward_ReshapesGradient()
    {
        var x = new Variable(Tensor.Ones(2, 3, 4), requiresGrad: true);
        var weights = new Variable(Tensor.FromArray(
            Enumerable.Range(0, 24).Select(v => (float)v).ToArray(), 2, 12));

        Functions.Sum(new Flatten().Forward(x) * weights).Backward();

        Assert.Equal(x.Shape, x.Grad!.Shape);
        Assert.Equal(weights.Value.Data, x.Grad.Data);
    }

    [Fact]
    public void Flatten_StartAfterEnd_ThrowsWithDims()
    {
        var layer = new Flatten(2, 1);

        var error = Assert.Throws<ArgumentException>(
            () => layer.Forward(new Variable(new Tensor(2, 3, 4))));

        Assert.Contains("start_dim 2", error.Message);
        Assert.Contains("end_dim 1", error.Message);
    }

    [Fact]
    public void Flatten_DimOutOfRange_ThrowsWithShape()
    {
        var layer = new Flatten(1, 3);

        var error = Assert.Throws<ArgumentException>(
            () => layer.Forward(new Variable(new Tensor(2, 3, 4))));

        Assert.Contains("end_dim 3", error.Message);
        Assert.Contains("(2, 3, 4)", error.Message);
    }

    [Fact]
    public void Reshape_InferredBatch_KeepsBatchSize()
    {
        var layer = new Reshape(-1, 2, 3, 3);

        Variable y = layer.Forward(new Variable(new Tensor(5, 18)));

        Assert.Equal(new Shape(5, 2, 3, 3), y.Shape);
    }

    [Fact]
    public void Reshape_Backward_ReshapesGradient()
    {
        var x = new Variable(Tensor.Ones(4, 6), requiresGrad: true);
        var weights = new Variable(Tensor.FromArray(
            Enumerable.Range(0, 24).Select(v => (float)v).ToArray(), 4, 2, 3));

        Functions.Sum(new Reshape(-1, 2, 3).Forward(x) * weights).Backward();

        Assert.Equal(x.Shape, x.Grad!.Shape);
        Assert.Equal(weights.Value.Data, x.Grad.Data);
    }

    [Fact]
    public void Reshape_Forward_SharesStorage()
    {
        var x = new Variable(Tensor.Ones(4, 6));

        Variable y = new Reshape(2, 12).Forward(x);

        Assert.Same(x.Value.Data, y.Value.Data);
    }

    [Theory]
    [InlineData(new[] { 4, 5 })]
    [InlineData(new[] { -1, 5 })]
    public void Reshape_ElementCountMismatch_ThrowsWithShapes(int[] shape)
    {
        var layer = new Reshape(shape);

        var error = Assert.Throws<ArgumentException>(
            () => layer.Forward(new Variable(new Tensor(4, 6))));

        Assert.Contains("(4, 6)", error.Message);
        Assert.Contains($"({string.Join(", ", shape)})", error.Message);
    }

    [Theory]
    [InlineData(new[] { -1, -1 })]
    [InlineData(new[] { 3, -2 })]
    public void Reshape_InvalidShape_ThrowsOnConstruction(int[] shape)
    {
        var error = Assert.Throws<ArgumentException>(() => new Reshape(shape));

        Assert.Contains($"({string.Join(", ", shape)})", error.Message);
    }
}
