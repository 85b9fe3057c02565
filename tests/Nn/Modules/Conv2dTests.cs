using NativeGan.Autodiff;
using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;

namespace NativeGan.Nn.Tests.Modules;

public sealed class Conv2dTests
{
    // The discriminator of DCGAN-MNIST: 28 -> 14 -> 7 -> 1.
    [Theory]
    [InlineData(1, 64, 4, 2, 1, 28, 14)]
    [InlineData(64, 128, 4, 2, 1, 14, 7)]
    [InlineData(128, 1, 7, 1, 0, 7, 1)]
    public void Forward_DcganLayer_HasExpectedShape(
        int inChannels, int outChannels, int kernel, int stride, int padding, int size,
        int expected)
    {
        var layer = new Conv2d(inChannels, outChannels, kernel, new Rng(1), stride, padding,
            bias: false);
        var x = new Tensor(2, inChannels, size, size);
        new Rng(2).FillUniform(x.Data, -1f, 1f);

        Variable y = layer.Forward(new Variable(x));

        Assert.Equal(new Shape(2, outChannels, expected, expected), y.Shape);
        Assert.Equal(new Size2d(expected, expected), layer.OutputSize(size));
    }

    [Fact]
    public void Forward_SmallInput_MatchesDirectSum()
    {
        var layer = new Conv2d(2, 3, (2, 3), new Rng(3), stride: (1, 2), padding: (1, 0));
        var x = new Tensor(1, 2, 3, 5);
        new Rng(4).FillUniform(x.Data, -1f, 1f);
        Tensor w = layer.Weight.Value;

        Tensor y = layer.Forward(new Variable(x)).Value;

        // OH = (3 + 2 - 1 - 1) / 1 + 1 = 4, OW = (5 - 2 - 1) / 2 + 1 = 2.
        Assert.Equal(new Shape(1, 3, 4, 2), y.Shape);
        for (int co = 0; co < 3; co++)
        {
            for (int oh = 0; oh < 4; oh++)
            {
                for (int ow = 0; ow < 2; ow++)
                {
                    double expected = layer.Bias!.Value[co];
                    for (int ci = 0; ci < 2; ci++)
                    {
                        for (int i = 0; i < 2; i++)
                        {
                            for (int j = 0; j < 3; j++)
                            {
                                int ih = oh - 1 + i;
                                int iw = ow * 2 + j;
                                if (ih >= 0 && ih < 3)
                                {
                                    expected += (double)x[0, ci, ih, iw] * w[co, ci, i, j];
                                }
                            }
                        }
                    }

                    Assert.Equal(expected, y[0, co, oh, ow], 5);
                }
            }
        }
    }

    [Fact]
    public void Constructor_Default_InitializesWithinPyTorchBound()
    {
        // fanIn = inChannels kh kw = 3 * 3 * 2 = 18.
        var layer = new Conv2d(3, 8, (3, 2), new Rng(5));
        float bound = 1f / MathF.Sqrt(18f);

        Assert.Equal(new Shape(8, 3, 3, 2), layer.Weight.Shape);
        Assert.Equal(new Shape(8), layer.Bias!.Shape);
        Assert.All(layer.Weight.Value.Data, v => Assert.InRange(v, -bound, bound));
        Assert.All(layer.Bias.Value.Data, v => Assert.InRange(v, -bound, bound));
        Assert.True(layer.Weight.Value.Data.Max(MathF.Abs) > 0.9f * bound);
    }

    [Fact]
    public void Constructor_NoBias_HasOnlyWeight()
    {
        var layer = new Conv2d(1, 64, 4, new Rng(1), stride: 2, padding: 1, bias: false);

        Assert.Null(layer.Bias);
        Assert.Equal(["weight"], layer.NamedParameters().Select(p => p.Name).ToArray());
    }

    public static TheoryData<string, Func<Conv2d>> InvalidLayers() => new()
    {
        { "inChannels", () => new Conv2d(0, 4, 3, new Rng(1)) },
        { "outChannels", () => new Conv2d(2, 0, 3, new Rng(1)) },
        { "kernelSize", () => new Conv2d(2, 4, (3, 0), new Rng(1)) },
        { "stride", () => new Conv2d(2, 4, 3, new Rng(1), stride: 0) },
        { "padding", () => new Conv2d(2, 4, 3, new Rng(1), padding: (0, -1)) },
        { "dilation", () => new Conv2d(2, 4, 3, new Rng(1), dilation: 0) },
    };

    [Theory]
    [MemberData(nameof(InvalidLayers))]
    public void Constructor_InvalidArgument_ThrowsNamingIt(string parameter, Func<Conv2d> create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => create());

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Forward_KernelLargerThanInput_Throws()
    {
        var layer = new Conv2d(2, 4, 7, new Rng(1), padding: 1);
        var x = new Variable(new Tensor(3, 2, 4, 4));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(x));

        Assert.Contains("(3, 2, 4, 4)", error.Message);
        Assert.Contains("kernel (7, 7)", error.Message);
        Assert.Contains("padded by (1, 1)", error.Message);
    }

    [Fact]
    public void Forward_WrongChannels_ThrowsWithBothShapes()
    {
        var layer = new Conv2d(1, 64, 4, new Rng(1), stride: 2, padding: 1);
        var x = new Variable(new Tensor(2, 3, 28, 28));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(x));

        Assert.Contains("(2, 3, 28, 28)", error.Message);
        Assert.Contains("(64, 1, 4, 4)", error.Message);
    }

    [Fact]
    public void Forward_WrongRank_ThrowsWithBothShapes()
    {
        var layer = new Conv2d(1, 64, 4, new Rng(1), stride: 2, padding: 1);
        var x = new Variable(new Tensor(2, 784));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(x));

        Assert.Contains("(2, 784)", error.Message);
        Assert.Contains("(64, 1, 4, 4)", error.Message);
    }

    [Fact]
    public void Backward_Sum_FillsGradientsOfEveryParameter()
    {
        var layer = new Conv2d(2, 3, 3, new Rng(6), padding: 1);
        var x = new Variable(new Tensor(2, 2, 5, 5), requiresGrad: true);
        new Rng(7).FillUniform(x.Value.Data, -1f, 1f);

        Functions.Sum(layer.Forward(x)).Backward();

        Assert.Equal(layer.Weight.Shape, layer.Weight.Grad!.Shape);
        Assert.Equal(x.Shape, x.Grad!.Shape);
        // d(sum y)/d(b[c]) is the number of output pixels of channel c: 2 samples * 25.
        Assert.All(layer.Bias!.Grad!.Data, g => Assert.Equal(50f, g));
    }

    [Fact]
    public void ToString_Layer_ListsHyperparameters()
    {
        var layer = new Conv2d(1, 64, 4, new Rng(1), stride: 2, padding: 1, bias: false);

        Assert.Equal(
            "Conv2d(1, 64, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), " +
            "dilation=(1, 1), bias=false)",
            layer.ToString());
    }
}
