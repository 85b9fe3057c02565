using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Modules;

public sealed class DropoutTests
{
    [Fact]
    public void Forward_Eval_IsIdentity()
    {
        var dropout = new Dropout(0.5f, new Rng(1));
        dropout.Eval();
        var input = new Variable(Tensor.Full(3f, 100));

        Variable output = dropout.Forward(input);

        Assert.Equal(input.Value.Data, output.Value.Data);
    }

    [Fact]
    public void Forward_ProbabilityZero_IsIdentityInTraining()
    {
        var dropout = new Dropout(0f, new Rng(1));
        var input = new Variable(Tensor.Full(3f, 100));

        Assert.Equal(input.Value.Data, dropout.Forward(input).Value.Data);
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.3f)]
    [InlineData(0.5f)]
    [InlineData(0.9f)]
    public void Forward_Training_ZeroesAboutPAndScalesTheRest(float p)
    {
        const int Count = 20_000;
        var dropout = new Dropout(p, new Rng(7));
        var input = new Variable(Tensor.Full(1.5f, Count));

        float[] output = dropout.Forward(input).Value.Data;

        // The number of zeros is Binomial(Count, p): allow 5 standard deviations.
        int zeros = output.Count(v => v == 0f);
        double sigma = Math.Sqrt(Count * p * (1 - p));
        Assert.InRange(zeros, Count * p - 5 * sigma, Count * p + 5 * sigma);
        float keptValue = 1.5f * (1f / (1f - p));
        Assert.All(output, v => Assert.True(v == 0f || v == keptValue, $"unexpected value {v}"));
    }

    [Fact]
    public void Forward_TwoCalls_DrawDifferentMasks()
    {
        var dropout = new Dropout(0.5f, new Rng(3));
        var input = new Variable(Tensor.Ones(64));

        float[] first = dropout.Forward(input).Value.Data;
        float[] second = dropout.Forward(input).Value.Data;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Backward_Training_GradientIsMask()
    {
        var dropout = new Dropout(0.25f, new Rng(5));
        var input = new Variable(Tensor.Ones(50), requiresGrad: true);

        Variable output = dropout.Forward(input);
        Functions.Sum(output).Backward();

        Assert.Equal(output.Value.Data, input.Grad!.Data);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void Constructor_ProbabilityOutOfRange_Throws(float p)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(p, new Rng(1)));

        Assert.Equal("probability", error.ParamName);
    }
}
