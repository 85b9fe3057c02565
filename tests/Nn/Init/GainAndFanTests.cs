using NativeGan.Nn.Init;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Init;

public sealed class GainAndFanTests
{
    // The table of torch.nn.init.calculate_gain.
    public static TheoryData<Nonlinearity, double?, double> Gains => new()
    {
        { Nonlinearity.Linear, null, 1.0 },
        { Nonlinearity.Conv1d, null, 1.0 },
        { Nonlinearity.Conv2d, null, 1.0 },
        { Nonlinearity.Conv3d, null, 1.0 },
        { Nonlinearity.ConvTranspose1d, null, 1.0 },
        { Nonlinearity.ConvTranspose2d, null, 1.0 },
        { Nonlinearity.ConvTranspose3d, null, 1.0 },
        { Nonlinearity.Sigmoid, null, 1.0 },
        { Nonlinearity.Tanh, null, 5.0 / 3.0 },
        { Nonlinearity.Relu, null, Math.Sqrt(2.0) },
        { Nonlinearity.Relu, 0.2, Math.Sqrt(2.0) },
        { Nonlinearity.LeakyRelu, null, Math.Sqrt(2.0 / (1.0 + 0.01 * 0.01)) },
        { Nonlinearity.LeakyRelu, 0.2, Math.Sqrt(2.0 / (1.0 + 0.2 * 0.2)) },
        { Nonlinearity.LeakyRelu, 0.0, Math.Sqrt(2.0) },
        { Nonlinearity.LeakyRelu, 1.0, 1.0 },
        { Nonlinearity.Selu, null, 0.75 },
    };

    [Theory]
    [MemberData(nameof(Gains))]
    public void CalculateGain_Table_MatchesPyTorch(
        Nonlinearity nonlinearity, double? param, double expected)
    {
        double gain = Initializers.CalculateGain(nonlinearity, param);

        Assert.Equal(expected, gain, 1e-15);
    }

    [Fact]
    public void CalculateGain_NaNSlope_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Initializers.CalculateGain(Nonlinearity.LeakyRelu, double.NaN));

        Assert.Equal("param", error.ParamName);
    }

    [Fact]
    public void CalculateGain_UndefinedEnumValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Initializers.CalculateGain((Nonlinearity)99));
    }

    [Theory]
    [InlineData(new[] { 256, 100 }, 100, 256)]
    [InlineData(new[] { 1, 784 }, 784, 1)]
    [InlineData(new[] { 64, 1, 4, 4 }, 16, 1024)]
    [InlineData(new[] { 128, 64, 4, 4 }, 1024, 2048)]
    [InlineData(new[] { 100, 256, 7, 7 }, 256 * 49, 100 * 49)]
    [InlineData(new[] { 8, 3, 5 }, 15, 40)]
    [InlineData(new[] { 4, 2, 3, 3, 3 }, 54, 108)]
    [InlineData(new[] { 0, 5 }, 5, 0)]
    public void CalculateFanInAndFanOut_WeightShapes_MatchPyTorch(
        int[] shape, long fanIn, long fanOut)
    {
        Fans fans = Initializers.CalculateFanInAndFanOut(new Shape(shape));

        Assert.Equal(fanIn, fans.FanIn);
        Assert.Equal(fanOut, fans.FanOut);
    }

    [Theory]
    [InlineData(new int[0], "shape ()")]
    [InlineData(new[] { 10 }, "shape (10,)")]
    public void CalculateFanInAndFanOut_RankBelow2_ThrowsNamingShape(int[] shape, string shapeText)
    {
        var error = Assert.Throws<ArgumentException>(
            () => Initializers.CalculateFanInAndFanOut(new Shape(shape)));

        Assert.Contains(shapeText, error.Message);
        Assert.Contains("at least 2 dimensions", error.Message);
    }

    [Theory]
    [InlineData(FanMode.FanIn, 3L)]
    [InlineData(FanMode.FanOut, 5L)]
    public void FansSelect_Mode_ReturnsMatchingFan(FanMode mode, long expected)
    {
        Assert.Equal(expected, new Fans(FanIn: 3, FanOut: 5).Select(mode));
    }
}
