namespace NativeGan.Tensors.Tests;

public sealed class UnaryOpsTests
{
    private sealed record UnaryCase(
        Func<Tensor, Tensor> Op,
        Func<double, double> Reference,
        float Low,
        float High,
        double Relative);

    // Transcendental ops use TensorPrimitives' vectorized approximations, which are not
    // correctly rounded, so they get a looser relative tolerance than exact arithmetic.
    private static readonly Dictionary<string, UnaryCase> Cases = new()
    {
        ["Negate"] = new(TensorOps.Negate, x => -x, -3f, 3f, 1e-7),
        ["Exp"] = new(TensorOps.Exp, Math.Exp, -10f, 10f, 4e-6),
        ["Log"] = new(TensorOps.Log, Math.Log, 1e-3f, 50f, 4e-6),
        ["Tanh"] = new(TensorOps.Tanh, Math.Tanh, -6f, 6f, 4e-6),
        ["Sigmoid"] = new(TensorOps.Sigmoid, x => 1.0 / (1.0 + Math.Exp(-x)), -20f, 20f, 4e-6),
        ["Sqrt"] = new(TensorOps.Sqrt, Math.Sqrt, 0f, 50f, 1e-7),
        ["Abs"] = new(TensorOps.Abs, Math.Abs, -3f, 3f, 1e-7),
        ["Relu"] = new(TensorOps.Relu, x => Math.Max(x, 0.0), -3f, 3f, 1e-7),
        ["LeakyRelu"] = new(
            x => TensorOps.LeakyRelu(x, 0.2f), x => x > 0 ? x : (double)0.2f * x, -3f, 3f, 1e-7),
        ["Scale"] = new(x => TensorOps.Scale(x, -2.5f), x => -2.5 * x, -3f, 3f, 1e-7),
        ["AddScalar"] = new(x => TensorOps.AddScalar(x, 0.75f), x => x + 0.75, -3f, 3f, 1e-7),
        ["Square"] = new(TensorOps.Square, x => x * x, -3f, 3f, 1e-7),
        ["Clamp"] = new(
            x => TensorOps.Clamp(x, -0.5f, 1.5f), x => Math.Clamp(x, -0.5, 1.5), -3f, 3f, 1e-7),
    };

    public static TheoryData<string, int> OpsAndSizes()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in Cases.Keys)
        {
            foreach (int size in new[] { 1, 7, 33, 127, 257 })
            {
                data.Add(name, size);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OpsAndSizes))]
    public void Unary_RandomInput_MatchesFloat64(string name, int size)
    {
        UnaryCase unary = Cases[name];
        Tensor x = RandomTensors.Uniform(new Rng((ulong)size), [size, 3], unary.Low, unary.High);
        double[] expected = x.Data.Select(v => unary.Reference(v)).ToArray();

        Tensor result = unary.Op(x);

        Assert.Equal(x.Shape, result.Shape);
        TensorAssert.Close(expected, result.Data, unary.Relative, 1e-6);
    }

    [Theory]
    [MemberData(nameof(OpsAndSizes))]
    public void Unary_Input_IsNotModified(string name, int size)
    {
        Tensor x = RandomTensors.Uniform(new Rng(5), [size], Cases[name].Low, Cases[name].High);
        float[] before = (float[])x.Data.Clone();

        Cases[name].Op(x);

        Assert.Equal(before, x.Data);
    }

    [Theory]
    [InlineData(-1000f, 0.0)]
    [InlineData(-100f, 0.0)]
    [InlineData(100f, 1.0)]
    [InlineData(1000f, 1.0)]
    public void Sigmoid_LargeMagnitude_SaturatesWithoutNaN(float input, double expected)
    {
        float result = TensorOps.Sigmoid(Tensor.FromArray([input], 1)).Data[0];

        Assert.Equal(expected, result, 1e-7);
    }

    [Theory]
    [InlineData(-1000f, -1.0)]
    [InlineData(-50f, -1.0)]
    [InlineData(50f, 1.0)]
    [InlineData(1000f, 1.0)]
    public void Tanh_LargeMagnitude_SaturatesWithoutNaN(float input, double expected)
    {
        float result = TensorOps.Tanh(Tensor.FromArray([input], 1)).Data[0];

        Assert.Equal(expected, result, 1e-7);
    }

    [Fact]
    public void Exp_Overflow_ReturnsInfinity()
    {
        float result = TensorOps.Exp(Tensor.FromArray([100f], 1)).Data[0];

        Assert.Equal(float.PositiveInfinity, result);
    }

    [Fact]
    public void Log_Zero_ReturnsNegativeInfinity()
    {
        float result = TensorOps.Log(Tensor.FromArray([0f], 1)).Data[0];

        Assert.Equal(float.NegativeInfinity, result);
    }

    [Fact]
    public void Unary_RankZero_KeepsShape()
    {
        Tensor result = TensorOps.Exp(Tensor.Scalar(0f));

        Assert.Equal(new Shape(), result.Shape);
        Assert.Equal(1f, result.Item());
    }

    [Theory]
    [InlineData(1f, 0f)]
    [InlineData(float.NaN, 1f)]
    [InlineData(0f, float.NaN)]
    public void Clamp_InvalidBounds_Throws(float min, float max)
    {
        var x = new Tensor(3);

        Assert.Throws<ArgumentException>(() => TensorOps.Clamp(x, min, max));
    }
}
