using NativeGan.Autodiff;
using NativeGan.Gan.Quality;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Quality;

public sealed class MnistClassifierTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Forward_Images_ReturnsTenLogitsPerImage(int count)
    {
        var classifier = new MnistClassifier(new Rng(1));

        Variable logits = classifier.Forward(new Variable(RandomImages(count)));

        Assert.Equal(new Shape(count, 10), logits.Shape);
    }

    [Fact]
    public void ExtractFeatures_Images_Returns128Features()
    {
        var classifier = new MnistClassifier(new Rng(1));

        Variable features = classifier.ExtractFeatures(new Variable(RandomImages(3)));

        Assert.Equal(new Shape(3, MnistClassifier.FeatureSize), features.Shape);
    }

    [Fact]
    public void Forward_EqualsHeadOfFeatures()
    {
        var classifier = new MnistClassifier(new Rng(2));
        classifier.Eval();
        var images = new Variable(RandomImages(2));

        Tensor logits = classifier.Forward(images).Value;
        Tensor viaFeatures = classifier.Head.Forward(classifier.ExtractFeatures(images)).Value;

        Assert.Equal(logits.Data, viaFeatures.Data);
    }

    [Fact]
    public void ExtractFeatures_AfterReLU_AreNonNegative()
    {
        var classifier = new MnistClassifier(new Rng(3));

        Tensor features = classifier.ExtractFeatures(new Variable(RandomImages(4))).Value;

        Assert.True(features.Data.Min() >= 0f);
    }

    [Fact]
    public void Parameters_NamedByPart()
    {
        var classifier = new MnistClassifier(new Rng(1));

        string[] names = classifier.NamedParameters().Select(p => p.Name).ToArray();

        Assert.Contains("features.0.weight", names);
        Assert.Contains("head.weight", names);
        Assert.Contains("head.bias", names);
    }

    [Fact]
    public void ParameterCount_MatchesLayerSizes()
    {
        // Conv 1->32 (no bias) 288, BN 64, conv 32->64 (no bias) 18432, BN 128,
        // Linear 1600->128 204928, Linear 128->10 1290.
        var classifier = new MnistClassifier(new Rng(1));

        Assert.Equal(288 + 64 + 18432 + 128 + 204928 + 1290, classifier.ParameterCount());
    }

    [Theory]
    [InlineData(new[] { 2, 3, 28, 28 })]
    [InlineData(new[] { 2, 1, 32, 32 })]
    [InlineData(new[] { 2, 784 })]
    public void Forward_WrongShape_Throws(int[] shape)
    {
        var classifier = new MnistClassifier(new Rng(1));

        var error = Assert.Throws<ArgumentException>(
            () => classifier.Forward(new Variable(new Tensor(shape))));

        Assert.Contains("(N, 1, 28, 28)", error.Message);
    }

    private static Tensor RandomImages(int count)
    {
        var images = new Tensor(count, 1, 28, 28);
        new Rng((ulong)count + 10).FillUniform(images.Data, -1f, 1f);
        return images;
    }
}
