using NativeGan.Autodiff;
using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;

namespace NativeGan.Nn.Tests.Modules;

public sealed class ConvTranspose2dTests
{
    // The generator of DCGAN-MNIST: 1 -> 7 -> 14 -> 28.
    [Theory]
    [InlineData(100, 256, 7, 1, 0, 1, 7)]
    [InlineData(256, 128, 4, 2, 1, 7, 14)]
    [InlineData(128, 1, 4, 2, 1, 14, 28)]
    public void Forward_DcganLayer_HasExpectedShape(
        int inChannels, int outChannels, int kernel, int stride, int padding, int size,
        int expected)
    {
        var layer = new ConvTranspose2d(inChannels, outChannels, kernel, new Rng(1), stride,
            padding, bias: false);
        var x = new Tensor(2, inChannels, size, size);
        new Rng(2).FillUniform(x.Data, -1f, 1f);

        Variable y = layer.Forward(new Variable(x));

        Assert.Equal(new Shape(2, outChannels, expected, expected), y.Shape);
        Assert.Equal(new Size2d(expected, expected), layer.OutputSize(size));
    }

    [Fact]
    public void Forward_SmallInput_MatchesScatterDefinition()
    {
        var layer = new ConvTranspose2d(2, 3, (2, 3), new Rng(3), stride: 2, padding: (0, 1),
            outputPadding: (1, 0));
        var x = new Tensor(1, 2, 2, 3);
        new Rng(4).FillUniform(x.Data, -1f, 1f);
        Tensor w = layer.Weight.Value;

        Tensor y = layer.Forward(new Variable(x)).Value;

        // H' = (2 - 1) 2 - 0 + 1 + 1 + 1 = 5, W' = (3 - 1) 2 - 2 + 2 + 0 + 1 = 5.
        Assert.Equal(new Shape(1, 3, 5, 5), y.Shape);
        var expected = new double[3, 5, 5];
        for (int co = 0; co < 3; co++)
        {
            for (int oh = 0; oh < 5; oh++)
            {
                for (int ow = 0; ow < 5; ow++)
                {
                    expected[co, oh, ow] = layer.Bias!.Value[co];
                }
            }
        }

        for (int ci = 0; ci < 2; ci++)
        {
            for (int h = 0; h < 2; h++)
            {
                for (int v = 0; v < 3; v++)
                {
                    for (int co = 0; co < 3; co++)
                    {
                        for (int i = 0; i < 2; i++)
                        {
                            for (int j = 0; j < 3; j++)
                            {
                                int oh = h * 2 + i;
                                int ow = v * 2 - 1 + j;
                                if (ow >= 0 && ow < 5)
                                {
                                    expected[co, oh, ow] +=
                                        (double)x[0, ci, h, v] * w[ci, co, i, j];
                                }
                            }
                        }
                    }
                }
            }
        }

        for (int co = 0; co < 3; co++)
        {
            for (int oh = 0; oh < 5; oh++)
            {
                for (int ow = 0; ow < 5; ow++)
                {
                    Assert.Equal(expected[co, oh, ow], y[0, co, oh, ow], 5);
                }
            }
        }
    }

    [Fact]
    public void Constructor_Default_InitializesWithinPyTorchBound()
    {
        // PyTorch's fan in of a (in, out, kh, kw) weight is out kh kw = 8 * 16 = 128.
        var layer = new ConvTranspose2d(3, 8, 4, new Rng(5));
        float bound = 1f / MathF.Sqrt(128f);

        Assert.Equal(new Shape(3, 8, 4, 4), layer.Weight.Shape);
        Assert.Equal(new Shape(8), layer.Bias!.Shape);
        Assert.All(layer.Weight.Value.Data, v => Assert.InRange(v, -bound, bound));
        Assert.All(layer.Bias.Value.Data, v => Assert.InRange(v, -bound, bound));
        Assert.True(layer.Weight.Value.Data.Max(MathF.Abs) > 0.9f * bound);
    }

    public static TheoryData<string, Func<ConvTranspose2d>> InvalidLayers() => new()
    {
        { "inChannels", () => new ConvTranspose2d(0, 4, 3, new Rng(1)) },
        { "outChannels", () => new ConvTranspose2d(2, 0, 3, new Rng(1)) },
        { "kernelSize", () => new ConvTranspose2d(2, 4, 0, new Rng(1)) },
        { "stride", () => new ConvTranspose2d(2, 4, 3, new Rng(1), stride: (1, 0)) },
        { "padding", () => new ConvTranspose2d(2, 4, 3, new Rng(1), padding: -1) },
        { "dilation", () => new ConvTranspose2d(2, 4, 3, new Rng(1), dilation: (0, 1)) },
        { "outputPadding", () => new ConvTranspose2d(2, 4, 3, new Rng(1), stride: 2,
            outputPadding: 2) },
        { "outputPadding", () => new ConvTranspose2d(2, 4, 3, new Rng(1), outputPadding: 1) },
        { "outputPadding", () => new ConvTranspose2d(2, 4, 3, new Rng(1), outputPadding: -1) },
    };

    [Theory]
    [MemberData(nameof(InvalidLayers))]
    public void Constructor_InvalidArgument_ThrowsNamingIt(
        string parameter, Func<ConvTranspose2d> create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => create());

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Constructor_OutputPaddingBelowDilation_Succeeds()
    {
        var layer = new ConvTranspose2d(2, 4, 3, new Rng(1), outputPadding: 1, dilation: 2);

        Assert.Equal(new Size2d(10, 10), layer.OutputSize(5));
    }

    [Fact]
    public void Forward_WrongChannels_ThrowsWithBothShapes()
    {
        var layer = new ConvTranspose2d(256, 128, 4, new Rng(1), stride: 2, padding: 1);
        var x = new Variable(new Tensor(2, 128, 7, 7));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(x));

        Assert.Contains("(2, 128, 7, 7)", error.Message);
        Assert.Contains("(256, 128, 4, 4)", error.Message);
    }

    [Fact]
    public void Forward_WrongRank_ThrowsWithBothShapes()
    {
        var layer = new ConvTranspose2d(100, 256, 7, new Rng(1), bias: false);
        var x = new Variable(new Tensor(2, 100));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(x));

        Assert.Contains("(2, 100)", error.Message);
        Assert.Contains("(100, 256, 7, 7)", error.Message);
    }

    [Fact]
    public void Forward_EmptyOutput_Throws()
    {
        var layer = new ConvTranspose2d(2, 3, 1, new Rng(1), padding: 1);
        var x = new Variable(new Tensor(1, 2, 2, 2));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(x));

        Assert.Contains("(1, 2, 2, 2)", error.Message);
    }

    [Fact]
    public void Backward_Sum_FillsGradientsOfEveryParameter()
    {
        var layer = new ConvTranspose2d(3, 2, 4, new Rng(6), stride: 2, padding: 1);
        var x = new Variable(new Tensor(2, 3, 3, 3), requiresGrad: true);
        new Rng(7).FillUniform(x.Value.Data, -1f, 1f);

        Functions.Sum(layer.Forward(x)).Backward();

        Assert.Equal(layer.Weight.Shape, layer.Weight.Grad!.Shape);
        Assert.Equal(x.Shape, x.Grad!.Shape);
        // d(sum y)/d(b[c]) is the number of output pixels of channel c: 2 samples * 6 * 6.
        Assert.All(layer.Bias!.Grad!.Data, g => Assert.Equal(72f, g));
    }

    [Fact]
    public void ToString_Layer_ListsHyperparameters()
    {
        var layer = new ConvTranspose2d(256, 128, 4, new Rng(1), stride: 2, padding: 1,
            bias: false);

        Assert.Equal(
            "ConvTranspose2d(256, 128, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), " +
            "output_padding=(0, 0), dilation=(1, 1), bias=false)",
            layer.ToString());
    }
}
