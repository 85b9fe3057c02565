using NativeGan.Nn.Init;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Init;

public sealed class DistributionInitTests
{
    // 102,400 samples: 5 standard errors of the std are about 1.1% of it for a normal.
    private static readonly int[] LargeShape = [256, 400];

    [Theory]
    [InlineData(0f, 0.02f)]
    [InlineData(1f, 0.02f)]
    [InlineData(-3f, 2f)]
    public void Normal_LargeTensor_MatchesMeanAndStd(float mean, float std)
    {
        var tensor = new Tensor(LargeShape);

        Initializers.Normal(tensor, new Rng(11), mean, std);

        SampleMoments.AssertMatch(tensor.Data, mean, std, SampleMoments.NormalKurtosis);
    }

    [Fact]
    public void Normal_ZeroStd_FillsWithMean()
    {
        var tensor = new Tensor(5, 3);

        Initializers.Normal(tensor, new Rng(1), mean: 0.25f, std: 0f);

        Assert.All(tensor.Data, v => Assert.Equal(0.25f, v));
    }

    [Theory]
    [InlineData(-2f, 3f)]
    [InlineData(0f, 1f)]
    public void Uniform_LargeTensor_StaysInRangeWithUniformMoments(float low, float high)
    {
        var tensor = new Tensor(LargeShape);

        Initializers.Uniform(tensor, new Rng(12), low, high);

        // The bound is inclusive because low + (high - low) * u can round up to high in float.
        Assert.All(tensor.Data, v => Assert.InRange(v, low, high));
        SampleMoments.AssertMatch(
            tensor.Data, (low + high) / 2.0, (high - low) / Math.Sqrt(12.0),
            SampleMoments.UniformKurtosis);
    }

    [Fact]
    public void Uniform_LargeTensor_ReachesBothEnds()
    {
        var tensor = new Tensor(LargeShape);

        Initializers.Uniform(tensor, new Rng(13), -1f, 1f);

        // Each end is missed by all 102,400 draws with probability (1 - 5e-4)^102400 < 1e-22.
        Assert.True(tensor.Data.Min() < -0.999f);
        Assert.True(tensor.Data.Max() > 0.999f);
    }

    [Fact]
    public void Constant_AnyTensor_SetsEveryElement()
    {
        var tensor = Tensor.Full(9f, 2, 3, 4);

        Initializers.Constant(tensor, -1.5f);

        Assert.All(tensor.Data, v => Assert.Equal(-1.5f, v));
    }

    [Fact]
    public void Zeros_AnyTensor_SetsEveryElementToZero()
    {
        var tensor = Tensor.Full(9f, 7);

        Initializers.Zeros(tensor);

        Assert.All(tensor.Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Ones_AnyTensor_SetsEveryElementToOne()
    {
        var tensor = new Tensor(3, 3);

        Initializers.Ones(tensor);

        Assert.All(tensor.Data, v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Normal_ReturnsSameTensor()
    {
        var tensor = new Tensor(2, 2);

        Tensor returned = Initializers.Normal(tensor, new Rng(1));

        Assert.Same(tensor, returned);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Normal_InvalidStd_Throws(float std)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Initializers.Normal(new Tensor(2), new Rng(1), 0f, std));

        Assert.Equal("std", error.ParamName);
    }

    [Theory]
    [InlineData(1f, 0f)]
    [InlineData(float.NaN, 1f)]
    [InlineData(0f, float.PositiveInfinity)]
    public void Uniform_InvalidRange_ThrowsShowingRange(float low, float high)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Initializers.Uniform(new Tensor(2), new Rng(1), low, high));

        Assert.Contains($"[{low}, {high})", error.Message);
    }
}
