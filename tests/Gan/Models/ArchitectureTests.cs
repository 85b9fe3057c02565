using NativeGan.Autodiff;
using NativeGan.Gan.Models;
using NativeGan.Gan.Training;
using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Models;

public sealed class ArchitectureTests
{
    [Fact]
    public void Mlp_Reference_HasTheDocumentedShapes()
    {
        var (generator, discriminator) = GanModelFactory.Create("mlp", 100, new Rng(1));

        Assert.Equal(
            ["(256, 100)", "(256,)", "(512, 256)", "(512,)", "(1024, 512)", "(1024,)", "(784, 1024)", "(784,)"],
            generator.Parameters().Select(p => p.Shape.ToString()));
        Assert.Equal(
            ["(512, 784)", "(512,)", "(256, 512)", "(256,)", "(1, 256)", "(1,)"],
            discriminator.Parameters().Select(p => p.Shape.ToString()));
    }

    [Fact]
    public void Dcgan_Reference_ParameterCountsMatchTheLayers()
    {
        var (generator, discriminator) = GanModelFactory.Create("dcgan", 100, new Rng(1));

        // Weights (in, out, kh, kw) without biases, plus scale and shift of each batch norm.
        long g = 100 * 256 * 7 * 7 + 2 * 256 + 256 * 128 * 4 * 4 + 2 * 128 + 128 * 1 * 4 * 4;
        long d = 1 * 64 * 4 * 4 + 64 * 128 * 4 * 4 + 2 * 128 + 128 * 1 * 7 * 7;
        Assert.Equal(g, generator.ParameterCount());
        Assert.Equal(d, discriminator.ParameterCount());
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("dcgan")]
    public void Reference_MapsLatentToImagesAndImagesToLogits(string model)
    {
        var (generator, discriminator) = GanModelFactory.Create(model, 100, new Rng(1));
        var z = new Tensor(3, 100);
        new Rng(2).FillNormal(z.Data);

        Variable images = generator.Forward(new Variable(z));
        Variable logits = discriminator.Forward(images);

        Assert.Equal(new Shape(3, 1, 28, 28), images.Shape);
        Assert.Equal(new Shape(3, 1), logits.Shape);
        Assert.All(images.Value.Data, v => Assert.InRange(v, -1f, 1f));
    }

    [Fact]
    public void Dcgan_Initialization_FollowsTheDcganPaper()
    {
        var (generator, _) = GanModelFactory.Create("dcgan", 100, new Rng(1));
        Dictionary<string, Tensor> state = generator.StateDict();

        float[] convolution = state["net.0.weight"].Data;
        float[] scale = state["net.1.weight"].Data;

        Assert.InRange(Mean(convolution), -0.002, 0.002);
        Assert.InRange(StandardDeviation(convolution), 0.019, 0.021);
        Assert.InRange(Mean(scale), 0.99, 1.01);
        Assert.All(state["net.1.bias"].Data, b => Assert.Equal(0f, b));
    }

    [Fact]
    public void Mlp_CustomOptions_BuildTheRequestedLayers()
    {
        var options = new ArchitectureOptions
        {
            Activation = "tanh",
            GeneratorWidths = [64, 32],
            DiscriminatorWidths = [48],
            BatchNorm = true,
            Dropout = 0.3f,
        };

        var (generator, discriminator) = GanModelFactory.Create("mlp", 10, new Rng(1), options);

        var generatorLayers = ((Sequential)generator.Body).Layers.Select(l => l.GetType().Name);
        var discriminatorLayers = ((Sequential)discriminator.Body).Layers.Select(l => l.GetType().Name);
        Assert.Equal(
            ["Linear", "BatchNorm1d", "Tanh", "Linear", "BatchNorm1d", "Tanh", "Linear", "Tanh"],
            generatorLayers);
        Assert.Equal(["Linear", "Tanh", "Dropout", "Linear"], discriminatorLayers);
    }

    [Fact]
    public void Dcgan_WithoutBatchNorm_HasNoBatchNormLayers()
    {
        var options = new ArchitectureOptions { BatchNorm = false, GeneratorWidths = [32, 16], DiscriminatorWidths = [8, 16] };

        var (generator, discriminator) = GanModelFactory.Create("dcgan", 20, new Rng(1), options);

        Assert.DoesNotContain(generator.NamedParameters(), p => p.Name.Contains("running"));
        Assert.DoesNotContain(((Sequential)generator.Body).Layers, l => l is BatchNormBase);
        Assert.DoesNotContain(((Sequential)discriminator.Body).Layers, l => l is BatchNormBase);
    }

    [Theory]
    [InlineData("mlp", "swish", null)]
    [InlineData("dcgan", null, new[] { 64 })]
    [InlineData("mlp", null, new[] { 0, 12 })]
    public void Validate_InvalidOptions_NameTheField(string model, string? activation, int[]? widths)
    {
        var options = new ArchitectureOptions { Activation = activation, GeneratorWidths = widths };

        var error = Assert.Throws<InvalidConfigException>(() => options.Validate(model));

        Assert.StartsWith("architecture.", error.Field);
    }

    private static double Mean(float[] values) => values.Average(v => (double)v);

    private static double StandardDeviation(float[] values)
    {
        double mean = Mean(values);
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }
}
