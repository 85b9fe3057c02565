using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Pooling;

namespace NativeGan.Tensors.Tests.Pooling;

public sealed class Pool2dOptionsTests
{
    // Expected sizes worked out by hand from floor((H + 2p - d(k - 1) - 1) / s) + 1, or the
    // ceiling in ceil mode, minus one when the last window would start at or past H + p.
    [Theory]
    [InlineData(7, 2, 2, 0, 1, false, 3)]
    [InlineData(7, 3, 2, 1, 1, false, 4)]
    [InlineData(7, 2, 2, 0, 1, true, 4)]
    [InlineData(8, 3, 2, 0, 1, true, 4)]
    [InlineData(5, 2, 2, 1, 1, true, 3)]
    [InlineData(9, 3, 1, 0, 2, false, 5)]
    [InlineData(4, 2, 2, 1, 3, false, 2)]
    [InlineData(4, 2, 2, 1, 5, false, 1)]
    [InlineData(2, 3, 1, 0, 1, false, 0)]
    [InlineData(1, 1, 1, 0, 1, false, 1)]
    public void OutputSize_Cases_MatchPyTorchRule(
        int input, int kernel, int stride, int padding, int dilation, bool ceilMode,
        long expected)
    {
        long size = Pool2dOptions.OutputSize(input, kernel, stride, padding, dilation, ceilMode);

        Assert.Equal(expected, size);
    }

    [Fact]
    public void Constructor_NoStride_UsesKernelSize()
    {
        var options = new Pool2dOptions((3, 2));

        Assert.Equal(new Size2d(3, 2), options.Stride);
        Assert.Equal(new Size2d(1, 1), options.Dilation);
        Assert.Equal(new Size2d(0, 0), options.Padding);
    }

    [Theory]
    [InlineData(3, 2, "(2, 2)", "(1, 1)")]
    [InlineData(4, 3, "(3, 3)", "(2, 2)")]
    [InlineData(1, 1, "(1, 1)", "(0, 0)")]
    public void Constructor_PaddingOverHalfKernel_ThrowsWithValues(
        int kernel, int padding, string paddingText, string limitText)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new Pool2dOptions(kernel, padding: padding));

        Assert.Contains($"padding {paddingText}", error.Message);
        Assert.Contains($"at most {limitText}", error.Message);
    }

    [Fact]
    public void Constructor_NegativePadding_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new Pool2dOptions(3, padding: (0, -1)));

        Assert.Contains("(0, -1)", error.Message);
    }

    [Theory]
    [InlineData(0, 1, 1, "kernel size (0, 0)")]
    [InlineData(2, 0, 1, "stride (0, 0)")]
    [InlineData(2, 1, 0, "dilation (0, 0)")]
    public void Constructor_NonPositiveSize_ThrowsWithValue(
        int kernel, int stride, int dilation, string text)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new Pool2dOptions(kernel, stride, 0, dilation));

        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void GeometryCreate_RankThree_ThrowsWithShape()
    {
        var error = Assert.Throws<ArgumentException>(
            () => Pool2dGeometry.Create(new Shape(3, 7, 9), new Pool2dOptions(2), "MaxPool2d"));

        Assert.Contains("(3, 7, 9)", error.Message);
        Assert.Contains("MaxPool2d", error.Message);
    }

    [Fact]
    public void GeometryCreate_KernelLargerThanInput_ThrowsWithSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => Pool2dGeometry.Create(
            new Shape(1, 2, 2, 5), new Pool2dOptions(3), "AvgPool2d"));

        Assert.Contains("(1, 2, 2, 5)", error.Message);
        Assert.Contains("(0, 1)", error.Message);
    }

    [Fact]
    public void GeometryCreate_ValidInput_ComputesOutputShape()
    {
        var geometry = Pool2dGeometry.Create(
            new Shape(3, 5, 7, 9), new Pool2dOptions(3, 2, 1), "MaxPool2d");

        Assert.Equal(new Shape(3, 5, 4, 5), geometry.OutputShape);
    }
}
