using NativeGan.Autodiff;
using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;

namespace NativeGan.Nn.Tests.Modules;

public sealed class PoolLayerTests
{
    [Fact]
    public void MaxPool2d_Forward_TakesWindowMaxima()
    {
        // 4 x 4 plane with values 0..15; 2 x 2 windows hold their bottom-right maximum.
        var layer = new MaxPool2d(2);
        var input = new Variable(Tensor.FromArray(Ramp(16), 1, 1, 4, 4));

        Tensor y = layer.Forward(input).Value;

        Assert.Equal(new Shape(1, 1, 2, 2), y.Shape);
        Assert.Equal([5f, 7f, 13f, 15f], y.Data);
    }

    [Fact]
    public void MaxPool2d_Backward_RoutesGradientToMaxima()
    {
        var layer = new MaxPool2d(2);
        var input = new Variable(Tensor.FromArray(Ramp(16), 1, 1, 4, 4), requiresGrad: true);

        Functions.Sum(layer.Forward(input)).Backward();

        float[] expected = new float[16];
        expected[5] = expected[7] = expected[13] = expected[15] = 1f;
        Assert.Equal(expected, input.Grad!.Data);
    }

    [Fact]
    public void AvgPool2d_Forward_AveragesWindows()
    {
        var layer = new AvgPool2d(2);
        var input = new Variable(Tensor.FromArray(Ramp(16), 1, 1, 4, 4));

        Tensor y = layer.Forward(input).Value;

        Assert.Equal([2.5f, 4.5f, 10.5f, 12.5f], y.Data);
    }

    [Fact]
    public void AvgPool2d_Backward_SpreadsGradientEvenly()
    {
        var layer = new AvgPool2d(2);
        var input = new Variable(Tensor.FromArray(Ramp(16), 1, 1, 4, 4), requiresGrad: true);

        Functions.Sum(layer.Forward(input)).Backward();

        Assert.All(input.Grad!.Data, g => Assert.Equal(0.25f, g));
    }

    [Theory]
    [InlineData(3, 2, 1, 1, false, 4, 5)]
    [InlineData(2, null, 0, 1, false, 3, 4)]
    [InlineData(2, null, 0, 1, true, 4, 5)]
    [InlineData(3, 1, 0, 2, false, 3, 5)]
    public void MaxPool2d_Options_GiveOutputShape(
        int kernel, int? stride, int padding, int dilation, bool ceilMode, int height,
        int width)
    {
        var layer = new MaxPool2d(kernel, stride, padding, dilation, ceilMode);
        var input = new Variable(new Tensor(3, 5, 7, 9));

        Assert.Equal(new Shape(3, 5, height, width), layer.Forward(input).Shape);
    }

    [Fact]
    public void MaxPool2d_PaddingOverHalfKernel_ThrowsWithValues()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new MaxPool2d(3, padding: 2));

        Assert.Contains("padding (2, 2)", error.Message);
        Assert.Contains("kernel size (3, 3)", error.Message);
    }

    [Fact]
    public void AvgPool2d_RectangularPaddingOverHalfKernel_ThrowsWithValues()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new AvgPool2d((4, 2), padding: (2, 2)));

        Assert.Contains("padding (2, 2)", error.Message);
        Assert.Contains("at most (2, 1)", error.Message);
    }

    [Fact]
    public void MaxPool2d_ZeroStride_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool2d(2, 0));

        Assert.Contains("stride (0, 0)", error.Message);
    }

    [Fact]
    public void AvgPool2d_RankThreeInput_ThrowsWithShape()
    {
        var layer = new AvgPool2d(2);

        var error = Assert.Throws<ArgumentException>(
            () => layer.Forward(new Variable(new Tensor(5, 7, 9))));

        Assert.Contains("(5, 7, 9)", error.Message);
        Assert.Contains("(1, C, H, W)", error.Message);
    }

    [Fact]
    public void MaxPool2d_InputSmallerThanKernel_ThrowsWithSizes()
    {
        var layer = new MaxPool2d(5);

        var error = Assert.Throws<ArgumentException>(
            () => layer.Forward(new Variable(new Tensor(1, 1, 4, 9))));

        Assert.Contains("(1, 1, 4, 9)", error.Message);
        Assert.Contains("output size is too small", error.Message);
    }

    [Fact]
    public void Pooling_Default_HasNoParametersAndDefaultStride()
    {
        var max = new MaxPool2d((3, 2));
        var average = new AvgPool2d(2);

        Assert.Empty(max.StateDict());
        Assert.Empty(average.StateDict());
        Assert.Equal(new Size2d(3, 2), max.Options.Stride);
        Assert.True(average.CountIncludePad);
    }

    [Fact]
    public void ToString_Pooling_ListsSettings()
    {
        Assert.Equal(
            "MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0), dilation=(1, 1), " +
            "ceil_mode=false)",
            new MaxPool2d(2).ToString());
        Assert.Equal(
            "AvgPool2d(kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), ceil_mode=false, " +
            "count_include_pad=false)",
            new AvgPool2d(3, 1, 1, countIncludePad: false).ToString());
    }

    private static float[] Ramp(int count) =>
        Enumerable.Range(0, count).Select(v => (float)v).ToArray();
}
