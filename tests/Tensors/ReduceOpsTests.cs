namespace NativeGan.Tensors.Tests;

public sealed class ReduceOpsTests
{
    public static TheoryData<int> Sizes => new() { 1, 7, 33, 127, 257, 1000 };

    public static TheoryData<int[], int, bool> Rank3Axes()
    {
        var data = new TheoryData<int[], int, bool>();
        int[][] shapes = [[3, 7, 5], [1, 33, 2], [4, 1, 127]];
        foreach (int[] shape in shapes)
        {
            foreach (int axis in new[] { 0, 1, 2, -1, -3 })
            {
                data.Add(shape, axis, false);
                data.Add(shape, axis, true);
            }
        }

        return data;
    }

    public static TheoryData<int[], int[]> SumToShapes => new()
    {
        { new[] { 3, 4, 5 }, new[] { 4, 1 } },
        { new[] { 3, 4, 5 }, new[] { 3, 1, 5 } },
        { new[] { 3, 4, 5 }, new[] { 5 } },
        { new[] { 3, 4, 5 }, new[] { 1, 4, 5 } },
        { new[] { 3, 4, 5 }, new[] { 3, 4, 1 } },
        { new[] { 3, 4, 5 }, new[] { 1 } },
        { new[] { 3, 4, 5 }, System.Array.Empty<int>() },
        { new[] { 5, 7 }, new[] { 7 } },
        { new[] { 5, 7 }, new[] { 5, 1 } },
        { new[] { 33, 127 }, new[] { 1, 127 } },
        { new[] { 2, 1, 3 }, new[] { 1, 1, 3 } },
        { new[] { 6, 5, 3, 2 }, new[] { 5, 1, 2 } },
        { new[] { 7 }, new[] { 7 } },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Sum_RandomInput_MatchesFloat64(int size)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)size), [size]);
        double expected = x.Data.Sum(v => (double)v);

        Tensor result = TensorOps.Sum(x);

        Assert.Equal(new Shape(), result.Shape);
        Assert.Equal(expected, result.Item(), 1e-4);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Mean_RandomInput_MatchesFloat64(int size)
    {
        Tensor x = RandomTensors.Uniform(new Rng((ulong)size), [size, 3]);
        double expected = x.Data.Sum(v => (double)v) / x.Length;

        Tensor result = TensorOps.Mean(x);

        Assert.Equal(new Shape(), result.Shape);
        Assert.Equal(expected, result.Item(), 1e-5);
    }

    [Fact]
    public void Mean_NoElements_ReturnsNaN()
    {
        Assert.True(float.IsNaN(TensorOps.Mean(new Tensor(0, 3)).Item()));
    }

    [Theory]
    [MemberData(nameof(Rank3Axes))]
    public void SumAxis_Rank3_MatchesFloat64(int[] shape, int axis, bool keepDims)
    {
        Tensor x = RandomTensors.Uniform(new Rng(21), shape);
        int normalized = axis < 0 ? axis + 3 : axis;
        int[] expectedDims = keepDims
            ? shape.Select((d, i) => i == normalized ? 1 : d).ToArray()
            : shape.Where((_, i) => i != normalized).ToArray();

        Tensor result = TensorOps.Sum(x, axis, keepDims);

        Assert.Equal(new Shape(expectedDims), result.Shape);
        TensorAssert.Close(Float64Reference.SumAxis(x, normalized), result.Data, 1e-5, 1e-5);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-4)]
    public void SumAxis_OutOfRange_ThrowsWithShape(int axis)
    {
        var x = new Tensor(2, 3, 4);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TensorOps.Sum(x, axis));

        Assert.Contains("(2, 3, 4)", error.Message);
    }

    [Fact]
    public void SumAxis_EmptyAxis_ReturnsZeros()
    {
        var x = new Tensor(2, 0, 3);

        Tensor result = TensorOps.Sum(x, 1);

        Assert.Equal(new Shape(2, 3), result.Shape);
        Assert.All(result.Data, v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(SumToShapes))]
    public void SumTo_BroadcastTarget_MatchesFloat64(int[] shape, int[] target)
    {
        Tensor x = RandomTensors.Uniform(new Rng(31), shape);

        Tensor result = TensorOps.SumTo(x, new Shape(target));

        Assert.Equal(new Shape(target), result.Shape);
        TensorAssert.Close(Float64Reference.SumTo(x, target), result.Data, 1e-5, 1e-5);
    }

    [Theory]
    [MemberData(nameof(SumToShapes))]
    public void SumTo_OfBroadcastOnes_CountsCopies(int[] shape, int[] target)
    {
        // Broadcasting a tensor of ones to `shape` and summing back gives, per element,
        // the number of copies: shape's element count over target's.
        var ones = Tensor.Ones(target);
        Tensor broadcast = TensorOps.Add(new Tensor(shape), ones);
        float copies = broadcast.Length / (float)ones.Length;

        Tensor result = TensorOps.SumTo(broadcast, new Shape(target));

        Assert.All(result.Data, v => Assert.Equal(copies, v));
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 5 })]
    [InlineData(new[] { 3, 4 }, new[] { 2, 3, 4 })]
    [InlineData(new[] { 3, 1 }, new[] { 3, 4 })]
    public void SumTo_TargetNotBroadcastable_Throws(int[] shape, int[] target)
    {
        var x = new Tensor(shape);

        Assert.Throws<ArgumentException>(() => TensorOps.SumTo(x, new Shape(target)));
    }

    [Fact]
    public void MaxAndMin_RandomInput_MatchLinq()
    {
        Tensor x = RandomTensors.Uniform(new Rng(41), [257]);

        Assert.Equal(x.Data.Max(), TensorOps.Max(x));
        Assert.Equal(x.Data.Min(), TensorOps.Min(x));
    }

    [Fact]
    public void L2Norm_RandomInput_MatchesFloat64()
    {
        Tensor x = RandomTensors.Uniform(new Rng(42), [127]);
        double expected = Math.Sqrt(x.Data.Sum(v => (double)v * v));

        Assert.Equal(expected, TensorOps.L2Norm(x.Data), 1e-12);
    }

    [Theory]
    [InlineData(float.NaN, false)]
    [InlineData(float.PositiveInfinity, false)]
    [InlineData(float.NegativeInfinity, false)]
    [InlineData(float.MaxValue, true)]
    public void AllFinite_OneSpecialValue_DetectsIt(float special, bool expected)
    {
        var values = new float[33];
        values[17] = special;

        Assert.Equal(expected, TensorOps.AllFinite(values));
    }
}
