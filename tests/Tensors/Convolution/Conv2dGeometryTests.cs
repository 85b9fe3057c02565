using NativeGan.Tensors.Convolution;

namespace NativeGan.Tensors.Tests.Convolution;

public sealed class Conv2dGeometryTests
{
    // floor((input + 2 padding - dilation (kernel - 1) - 1) / stride) + 1, PyTorch's rule;
    // the first three rows are the DCGAN-MNIST discriminator: 28 -> 14 -> 7 -> 1.
    [Theory]
    [InlineData(28, 4, 2, 1, 1, 14)]
    [InlineData(14, 4, 2, 1, 1, 7)]
    [InlineData(7, 7, 1, 0, 1, 1)]
    [InlineData(7, 3, 2, 1, 2, 3)]
    [InlineData(9, 3, 2, 1, 2, 4)]
    [InlineData(8, 3, 3, 0, 1, 2)]
    [InlineData(3, 5, 1, 0, 1, 0)]
    [InlineData(3, 3, 1, 0, 2, 0)]
    public void OutputSize_Conv2d_FollowsFloorRule(
        int input, int kernel, int stride, int padding, int dilation, int expected)
    {
        Assert.Equal(expected, Conv2dGeometry.OutputSize(input, kernel, stride, padding, dilation));
    }

    // (input - 1) stride - 2 padding + dilation (kernel - 1) + outputPadding + 1; the first
    // three rows are the DCGAN-MNIST generator: 1 -> 7 -> 14 -> 28.
    [Theory]
    [InlineData(1, 7, 1, 0, 0, 1, 7)]
    [InlineData(7, 4, 2, 1, 0, 1, 14)]
    [InlineData(14, 4, 2, 1, 0, 1, 28)]
    [InlineData(7, 3, 2, 1, 1, 2, 16)]
    [InlineData(3, 2, 3, 0, 2, 1, 10)]
    [InlineData(1, 1, 1, 1, 0, 1, -1)]
    public void OutputSize_ConvTranspose2d_FollowsRule(
        int input, int kernel, int stride, int padding, int outputPadding, int dilation,
        int expected)
    {
        Assert.Equal(expected, Conv2dGeometry.TransposedOutputSize(
            input, kernel, stride, padding, outputPadding, dilation));
    }

    [Fact]
    public void ForConv2d_KernelLargerThanInput_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Conv2dGeometry.ForConv2d(
            new Shape(2, 3, 5, 5), new Shape(4, 3, 7, 7), 1, 0, 1));

        Assert.Contains("(2, 3, 5, 5)", error.Message);
        Assert.Contains("kernel (7, 7)", error.Message);
        Assert.Contains("padded by (0, 0)", error.Message);
    }

    [Fact]
    public void ForConv2d_PaddingMakesKernelFit_Succeeds()
    {
        Conv2dGeometry g = Conv2dGeometry.ForConv2d(
            new Shape(2, 3, 5, 5), new Shape(4, 3, 7, 7), 1, 1, 1);

        Assert.Equal(new Shape(2, 4, 1, 1), g.OutputShape);
    }

    [Fact]
    public void ForConv2d_WrongChannels_ThrowsWithBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Conv2dGeometry.ForConv2d(
            new Shape(2, 3, 28, 28), new Shape(64, 1, 4, 4), 2, 1, 1));

        Assert.Contains("(2, 3, 28, 28)", error.Message);
        Assert.Contains("(64, 1, 4, 4)", error.Message);
    }

    [Fact]
    public void ForConv2d_InputOfRank3_ThrowsWithBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Conv2dGeometry.ForConv2d(
            new Shape(1, 28, 28), new Shape(64, 1, 4, 4), 2, 1, 1));

        Assert.Contains("(1, 28, 28)", error.Message);
        Assert.Contains("(64, 1, 4, 4)", error.Message);
    }

    [Fact]
    public void ForConv2d_WeightOfRank2_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Conv2dGeometry.ForConv2d(
            new Shape(1, 1, 28, 28), new Shape(64, 16), 2, 1, 1));

        Assert.Contains("(64, 16)", error.Message);
    }

    public static TheoryData<string, int, int, int> InvalidConvArguments() => new()
    {
        { "stride", 0, 0, 1 },
        { "padding", 1, -1, 1 },
        { "dilation", 1, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidConvArguments))]
    public void ForConv2d_InvalidArgument_ThrowsNamingIt(
        string parameter, int stride, int padding, int dilation)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Conv2dGeometry.ForConv2d(
            new Shape(1, 1, 8, 8), new Shape(2, 1, 3, 3), stride, padding, dilation));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void ForConvTranspose2d_OutputPaddingTooLarge_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Conv2dGeometry.ForConvTranspose2d(
                new Shape(1, 2, 4, 4), new Shape(2, 3, 3, 3), 2, 1, (1, 2), 1));

        Assert.Equal("outputPadding", error.ParamName);
        Assert.Contains("(1, 2)", error.Message);
    }

    [Fact]
    public void ForConvTranspose2d_OutputPaddingBelowDilationOnly_Succeeds()
    {
        Conv2dGeometry g = Conv2dGeometry.ForConvTranspose2d(
            new Shape(1, 2, 4, 4), new Shape(2, 3, 3, 3), 1, 0, 1, 2);

        Assert.Equal(new Shape(1, 3, 9, 9), g.InputShape);
    }

    [Fact]
    public void ForConvTranspose2d_EmptyOutput_ThrowsWithShape()
    {
        var error = Assert.Throws<ArgumentException>(() => Conv2dGeometry.ForConvTranspose2d(
            new Shape(1, 2, 1, 1), new Shape(2, 3, 1, 1), 1, 1, 0, 1));

        Assert.Contains("(1, 2, 1, 1)", error.Message);
    }

    [Fact]
    public void ForConvTranspose2d_WrongChannels_ThrowsWithBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Conv2dGeometry.ForConvTranspose2d(
            new Shape(4, 128, 7, 7), new Shape(256, 128, 4, 4), 2, 1, 0, 1));

        Assert.Contains("(4, 128, 7, 7)", error.Message);
        Assert.Contains("(256, 128, 4, 4)", error.Message);
    }

    [Theory]
    [InlineData(7, 7, 7, 0, 1, true)]
    [InlineData(7, 7, 7, 1, 1, false)]
    [InlineData(7, 7, 3, 0, 3, false)]
    [InlineData(1, 1, 1, 0, 2, true)]
    [InlineData(8, 8, 7, 0, 1, false)]
    public void CoversWholeInput_Geometry_MatchesDefinition(
        int height, int width, int kernel, int padding, int dilation, bool expected)
    {
        Conv2dGeometry g = Conv2dGeometry.ForConv2d(
            new Shape(2, 3, height, width), new Shape(4, 3, kernel, kernel), 1, padding, dilation);

        Assert.Equal(expected, g.CoversWholeInput);
    }
}
