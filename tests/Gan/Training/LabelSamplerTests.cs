using NativeGan.Gan.Training;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Training;

public sealed class LabelSamplerTests
{
    private const int Count = 4096;

    [Fact]
    public void HardLabels_AreOneAndZero()
    {
        var sampler = new LabelSampler(new LabelOptions(), new Rng(1));

        float[] real = Real(sampler);
        float[] fake = Fake(sampler);

        Assert.All(real, t => Assert.Equal(1f, t));
        Assert.All(fake, t => Assert.Equal(0f, t));
    }

    [Fact]
    public void SoftLabels_LieInConfiguredRanges()
    {
        var options = new LabelOptions { Soft = true, RealLow = 0.7f, RealHigh = 0.9f, FakeLow = 0.05f, FakeHigh = 0.3f };
        var sampler = new LabelSampler(options, new Rng(2));

        float[] real = Real(sampler);
        float[] fake = Fake(sampler);

        Assert.All(real, t => Assert.InRange(t, 0.7f, 0.9f));
        Assert.All(fake, t => Assert.InRange(t, 0.05f, 0.3f));
        Assert.True(real.Distinct().Count() > Count / 2, "soft targets must vary per sample");
    }

    [Fact]
    public void ReversedSoftLabels_SwapTheConvention()
    {
        var options = new LabelOptions { Soft = true, Reversed = true };
        var sampler = new LabelSampler(options, new Rng(3));

        float[] real = Real(sampler);
        float[] fake = Fake(sampler);

        Assert.All(real, t => Assert.InRange(t, 0f, 0.2f));
        Assert.All(fake, t => Assert.InRange(t, 0.8f, 1f));
        Assert.Equal(0f, sampler.RealLabel);
        Assert.True(sampler.VotesReal(-3f));
    }

    [Fact]
    public void Flips_MatchTheProbability()
    {
        var sampler = new LabelSampler(new LabelOptions { FlipProbability = 0.25f }, new Rng(4));

        float[] real = Real(sampler);

        double flipped = real.Count(t => t == 0f) / (double)Count;
        double standardError = Math.Sqrt(0.25 * 0.75 / Count);
        Assert.InRange(flipped, 0.25 - 5 * standardError, 0.25 + 5 * standardError);
    }

    [Theory]
    [InlineData(0.9f, 0.8f, 0f, 0.2f)]
    [InlineData(0.8f, 1.0f, 0.3f, 0.2f)]
    [InlineData(-0.1f, 1.0f, 0f, 0.2f)]
    [InlineData(0.8f, 1.1f, 0f, 0.2f)]
    public void Validate_InvalidRange_NamesTheField(float realLow, float realHigh, float fakeLow, float fakeHigh)
    {
        var options = new LabelOptions { RealLow = realLow, RealHigh = realHigh, FakeLow = fakeLow, FakeHigh = fakeHigh };

        var error = Assert.Throws<InvalidConfigException>(options.Validate);

        Assert.StartsWith("labels.", error.Field);
    }

    [Theory]
    [InlineData(-0.01f)]
    [InlineData(1.01f)]
    [InlineData(float.NaN)]
    public void Validate_FlipOutsideUnitInterval_Throws(float probability)
    {
        var options = new LabelOptions { FlipProbability = probability };

        var error = Assert.Throws<InvalidConfigException>(options.Validate);

        Assert.Equal("labels.FlipProbability", error.Field);
    }

    private static float[] Real(LabelSampler sampler)
    {
        var targets = new float[Count];
        sampler.FillRealTargets(targets);
        return targets;
    }

    private static float[] Fake(LabelSampler sampler)
    {
        var targets = new float[Count];
        sampler.FillFakeTargets(targets);
        return targets;
    }
}
