namespace NativeGan.Tensors.Tests;

public sealed class ActivationKernelsTests
{
    // Sizes around the widths of Vector<float> (4, 8 or 16 floats, by instruction set), so
    // that both the vector loop and the scalar tail run.
    public static TheoryData<int, float> SizesAndSlopes()
    {
        var data = new TheoryData<int, float>();
        foreach (int size in new[] { 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 127, 257 })
        {
            data.Add(size, 0.2f);
            data.Add(size, 0f);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SizesAndSlopes))]
    public void LeakyRelu_RandomInput_MatchesFloat64(int size, float slope)
    {
        float[] x = RandomTensors.Uniform(new Rng((ulong)size), [size]).Data;
        var y = new float[size];

        ActivationKernels.LeakyRelu(x, slope, y);

        TensorAssert.Close(x.Select(v => v > 0 ? v : (double)slope * v).ToArray(), y, 1e-7, 0);
    }

    [Theory]
    [MemberData(nameof(SizesAndSlopes))]
    public void LeakyRelu_SameSpanInAndOut_UpdatesInPlace(int size, float slope)
    {
        float[] x = RandomTensors.Uniform(new Rng((ulong)size), [size]).Data;
        double[] expected = x.Select(v => v > 0 ? v : (double)slope * v).ToArray();

        ActivationKernels.LeakyRelu(x, slope, x);

        TensorAssert.Close(expected, x, 1e-7, 0);
    }

    [Theory]
    [MemberData(nameof(SizesAndSlopes))]
    public void LeakyReluBackward_RandomInput_MatchesFloat64(int size, float slope)
    {
        var rng = new Rng((ulong)size + 1);
        float[] x = RandomTensors.Uniform(rng, [size]).Data;
        float[] dY = RandomTensors.Uniform(rng, [size]).Data;
        var dX = new float[size];

        ActivationKernels.LeakyReluBackward(x, dY, slope, dX);

        double[] expected = x.Select((v, i) => v > 0 ? dY[i] : (double)slope * dY[i]).ToArray();
        TensorAssert.Close(expected, dX, 1e-7, 0);
    }

    [Fact]
    public void LeakyRelu_ZeroInput_UsesNegativeBranch()
    {
        float[] x = new float[17];
        float[] dY = Enumerable.Repeat(1f, 17).ToArray();
        var dX = new float[17];

        ActivationKernels.LeakyReluBackward(x, dY, 0.2f, dX);

        Assert.All(dX, g => Assert.Equal(0.2f, g));
    }

    [Fact]
    public void LeakyRelu_LengthMismatch_ThrowsWithLengths()
    {
        var error = Assert.Throws<ArgumentException>(
            () => ActivationKernels.LeakyRelu(new float[5], 0.2f, new float[4]));

        Assert.Contains("5", error.Message);
        Assert.Contains("4", error.Message);
    }

    [Theory]
    [InlineData(5, 4, 5)]
    [InlineData(5, 5, 4)]
    public void LeakyReluBackward_LengthMismatch_Throws(int x, int dY, int dX)
    {
        Assert.Throws<ArgumentException>(
            () => ActivationKernels.LeakyReluBackward(
                new float[x], new float[dY], 0.2f, new float[dX]));
    }
}
