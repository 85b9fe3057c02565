using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Modules;

public sealed class LinearTests
{
    public static TheoryData<int, int, int, bool> Sizes()
    {
        var data = new TheoryData<int, int, int, bool>();
        int[][] batchInOut = [[1, 1, 1], [7, 33, 1], [33, 7, 127], [4, 257, 33]];
        foreach (int[] sizes in batchInOut)
        {
            data.Add(sizes[0], sizes[1], sizes[2], true);
            data.Add(sizes[0], sizes[1], sizes[2], false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Forward_RandomInput_MatchesFloat64(
        int batch, int inFeatures, int outFeatures, bool bias)
    {
        var rng = new Rng((ulong)(batch + inFeatures + outFeatures));
        var layer = new Linear(inFeatures, outFeatures, rng, bias);
        var x = new Tensor(batch, inFeatures);
        rng.FillUniform(x.Data, -1f, 1f);
        float[] w = layer.Weight.Value.Data;

        Tensor y = layer.Forward(new Variable(x)).Value;

        Assert.Equal(new Shape(batch, outFeatures), y.Shape);
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outFeatures; o++)
            {
                double expected = bias ? layer.Bias!.Value.Data[o] : 0.0;
                double magnitude = Math.Abs(expected);
                for (int i = 0; i < inFeatures; i++)
                {
                    double product = (double)x.Data[n * inFeatures + i] * w[o * inFeatures + i];
                    expected += product;
                    magnitude += Math.Abs(product);
                }

                // Float32 dot product bound: about (in + 1) units of roundoff of the sum of
                // magnitudes, doubled for margin.
                double bound = 2.0 * (inFeatures + 1) * magnitude / (1 << 24) + 1e-7;
                Assert.InRange(y[n, o], expected - bound, expected + bound);
            }
        }
    }

    [Fact]
    public void Constructor_Default_InitializesWithinPyTorchBound()
    {
        var layer = new Linear(25, 40, new Rng(1));
        float bound = 1f / 5f;

        Assert.Equal(new Shape(40, 25), layer.Weight.Shape);
        Assert.Equal(new Shape(40), layer.Bias!.Shape);
        Assert.All(layer.Weight.Value.Data, v => Assert.InRange(v, -bound, bound));
        Assert.All(layer.Bias.Value.Data, v => Assert.InRange(v, -bound, bound));
        Assert.True(layer.Weight.RequiresGrad);
    }

    [Fact]
    public void Constructor_NoBias_HasOnlyWeight()
    {
        var layer = new Linear(3, 2, new Rng(1), bias: false);

        Assert.Null(layer.Bias);
        Assert.Equal(["weight"], layer.NamedParameters().Select(p => p.Name).ToArray());
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 0)]
    [InlineData(-1, 3)]
    public void Constructor_NonPositiveFeatures_Throws(int inFeatures, int outFeatures)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new Linear(inFeatures, outFeatures, new Rng(1)));
    }

    [Theory]
    [InlineData(new[] { 2, 5 })]
    [InlineData(new[] { 4 })]
    [InlineData(new[] { 2, 4, 1 })]
    public void Forward_WrongInputShape_ThrowsWithShapes(int[] shape)
    {
        var layer = new Linear(4, 3, new Rng(1));
        var input = new Variable(new Tensor(shape));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(input));

        Assert.Contains(input.Shape.ToString(), error.Message);
        Assert.Contains("(3, 4)", error.Message);
    }

    [Fact]
    public void Backward_BatchOfOnes_BiasGradCountsRows()
    {
        var layer = new Linear(3, 2, new Rng(1));
        var input = new Variable(Tensor.Ones(5, 3));

        Functions.Sum(layer.Forward(input)).Backward();

        Assert.All(layer.Bias!.Grad!.Data, g => Assert.Equal(5f, g));
        Assert.All(layer.Weight.Grad!.Data, g => Assert.Equal(5f, g));
    }
}
