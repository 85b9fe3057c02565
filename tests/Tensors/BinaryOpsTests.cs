using static NativeGan.Tensors.TensorOps;

namespace NativeGan.Tensors.Tests;

public sealed class BinaryOpsTests
{
    public static TheoryData<BinaryOp, int> OpsAndSizes()
    {
        var data = new TheoryData<BinaryOp, int>();
        foreach (BinaryOp op in Enum.GetValues<BinaryOp>())
        {
            foreach (int size in new[] { 1, 7, 33, 127, 257 })
            {
                data.Add(op, size);
            }
        }

        return data;
    }

    public static TheoryData<BinaryOp, int[], int[]> OpsAndBroadcastShapes()
    {
        int[][][] pairs =
        [
            [[3, 1, 5], [4, 1]],
            [[4, 1], [3, 1, 5]],
            [[7], [5, 7]],
            [[5, 7], [7]],
            [[], [2, 3]],
            [[2, 3], []],
            [[], []],
            [[1], []],
            [[5, 1], [1, 7]],
            [[2, 1, 3], [2, 4, 1]],
            [[33, 1], [1, 127]],
            [[2, 3, 4], [3, 1]],
            [[1, 1, 257], [3, 1, 1]],
            [[6, 1, 1, 2], [5, 3, 1]],
        ];
        var data = new TheoryData<BinaryOp, int[], int[]>();
        foreach (BinaryOp op in Enum.GetValues<BinaryOp>())
        {
            foreach (int[][] pair in pairs)
            {
                data.Add(op, pair[0], pair[1]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OpsAndSizes))]
    public void Binary_SameShapes_MatchesFloat64(BinaryOp op, int size)
    {
        var rng = new Rng((ulong)(size * 10 + (int)op));
        Tensor a = RandomTensors.Uniform(rng, [3, size]);
        Tensor b = RandomTensors.AwayFromZero(rng, [3, size]);

        Tensor result = Binary(op, a, b);

        Assert.Equal(a.Shape, result.Shape);
        TensorAssert.Close(Float64Reference.Binary(a, b, Reference(op)), result.Data);
    }

    [Theory]
    [MemberData(nameof(OpsAndSizes))]
    public void Binary_ScalarOnRight_MatchesFloat64(BinaryOp op, int size)
    {
        var rng = new Rng((ulong)(size * 10 + (int)op));
        Tensor a = RandomTensors.Uniform(rng, [size]);
        Tensor b = Tensor.Scalar(-1.75f);

        Tensor result = Binary(op, a, b);

        Assert.Equal(a.Shape, result.Shape);
        TensorAssert.Close(Float64Reference.Binary(a, b, Reference(op)), result.Data);
    }

    [Theory]
    [MemberData(nameof(OpsAndSizes))]
    public void Binary_ScalarOnLeft_MatchesFloat64(BinaryOp op, int size)
    {
        var rng = new Rng((ulong)(size * 10 + (int)op));
        Tensor a = Tensor.Scalar(1.25f);
        Tensor b = RandomTensors.AwayFromZero(rng, [size, 2]);

        Tensor result = Binary(op, a, b);

        Assert.Equal(b.Shape, result.Shape);
        TensorAssert.Close(Float64Reference.Binary(a, b, Reference(op)), result.Data);
    }

    [Theory]
    [MemberData(nameof(OpsAndBroadcastShapes))]
    public void Binary_Broadcast_MatchesFloat64(BinaryOp op, int[] shapeA, int[] shapeB)
    {
        var rng = new Rng(7 + (ulong)op);
        Tensor a = RandomTensors.Uniform(rng, shapeA);
        Tensor b = RandomTensors.AwayFromZero(rng, shapeB);

        Tensor result = Binary(op, a, b);

        Assert.Equal(new Shape(Float64Reference.BroadcastDims(shapeA, shapeB)!), result.Shape);
        TensorAssert.Close(Float64Reference.Binary(a, b, Reference(op)), result.Data);
    }

    [Fact]
    public void NamedOps_SameAsBinary_MatchFloat64()
    {
        var rng = new Rng(3);
        Tensor a = RandomTensors.Uniform(rng, [4, 1, 7]);
        Tensor b = RandomTensors.AwayFromZero(rng, [3, 7]);

        TensorAssert.Close(Float64Reference.Binary(a, b, (x, y) => x + y), Add(a, b).Data);
        TensorAssert.Close(Float64Reference.Binary(a, b, (x, y) => x - y), Subtract(a, b).Data);
        TensorAssert.Close(Float64Reference.Binary(a, b, (x, y) => x * y), Multiply(a, b).Data);
        TensorAssert.Close(Float64Reference.Binary(a, b, (x, y) => x / y), Divide(a, b).Data);
    }

    [Theory]
    [InlineData(new[] { 3 }, new[] { 4 })]
    [InlineData(new[] { 2, 3 }, new[] { 3, 2 })]
    [InlineData(new[] { 3, 1, 5 }, new[] { 4, 2 })]
    [InlineData(new[] { 0 }, new[] { 2 })]
    public void Binary_IncompatibleShapes_ThrowsWithBothShapes(int[] shapeA, int[] shapeB)
    {
        var a = new Tensor(shapeA);
        var b = new Tensor(shapeB);

        var error = Assert.Throws<ArgumentException>(() => Add(a, b));

        Assert.Contains(a.Shape.ToString(), error.Message);
        Assert.Contains(b.Shape.ToString(), error.Message);
    }

    [Theory]
    [InlineData(BinaryOp.Add)]
    [InlineData(BinaryOp.Subtract)]
    [InlineData(BinaryOp.Multiply)]
    [InlineData(BinaryOp.Divide)]
    public void Binary_ResultIsFirstOperand_UpdatesInPlace(BinaryOp op)
    {
        var rng = new Rng(11);
        Tensor a = RandomTensors.Uniform(rng, [5, 33]);
        Tensor b = RandomTensors.AwayFromZero(rng, [33]);
        double[] expected = Float64Reference.Binary(a, b, Reference(op));

        Binary(op, a, b, a);

        TensorAssert.Close(expected, a.Data);
    }

    [Theory]
    [InlineData(BinaryOp.Subtract)]
    [InlineData(BinaryOp.Divide)]
    public void Binary_ResultIsSecondOperand_UpdatesInPlace(BinaryOp op)
    {
        var rng = new Rng(12);
        Tensor a = RandomTensors.Uniform(rng, [7, 1]);
        Tensor b = RandomTensors.AwayFromZero(rng, [7, 5]);
        double[] expected = Float64Reference.Binary(a, b, Reference(op));

        Binary(op, a, b, b);

        TensorAssert.Close(expected, b.Data);
    }

    [Fact]
    public void Binary_ResultOfWrongShape_ThrowsWithShapes()
    {
        var a = new Tensor(2, 3);
        var b = new Tensor(3);
        var result = new Tensor(3, 2);

        var error = Assert.Throws<ArgumentException>(
            () => Binary(BinaryOp.Add, a, b, result));

        Assert.Contains("(3, 2)", error.Message);
        Assert.Contains("(2, 3)", error.Message);
    }

    [Fact]
    public void Binary_EmptyBroadcast_ReturnsEmptyResult()
    {
        var a = new Tensor(0, 3);
        var b = new Tensor(1, 3);

        Tensor result = Add(a, b);

        Assert.Equal(new Shape(0, 3), result.Shape);
    }

    private static Func<double, double, double> Reference(BinaryOp op) => op switch
    {
        BinaryOp.Add => (x, y) => x + y,
        BinaryOp.Subtract => (x, y) => x - y,
        BinaryOp.Multiply => (x, y) => x * y,
        BinaryOp.Divide => (x, y) => x / y,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operation."),
    };
}
