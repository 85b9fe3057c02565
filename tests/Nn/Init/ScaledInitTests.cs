using NativeGan.Nn.Init;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Init;

public sealed class ScaledInitTests
{
    // Linear (256 out, 400 in) and conv (64 out, 32 in, 5x5) weights of ~100k elements.
    private static readonly int[] LinearShape = [256, 400];
    private static readonly int[] ConvShape = [64, 32, 5, 5];

    [Theory]
    [InlineData(1.0)]
    [InlineData(5.0 / 3.0)]
    public void XavierUniform_Linear_BoundedByGainSqrt6OverFanSum(double gain)
    {
        var tensor = new Tensor(LinearShape);
        double bound = gain * Math.Sqrt(6.0 / (400 + 256));

        Initializers.XavierUniform(tensor, new Rng(21), gain);

        Assert.All(tensor.Data, v => Assert.InRange(v, -bound, bound));
        SampleMoments.AssertMatch(
            tensor.Data, 0.0, bound / Math.Sqrt(3.0), SampleMoments.UniformKurtosis);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(5.0 / 3.0)]
    public void XavierNormal_Conv_HasStdGainSqrt2OverFanSum(double gain)
    {
        var tensor = new Tensor(ConvShape);
        double std = gain * Math.Sqrt(2.0 / (32 * 25 + 64 * 25));

        Initializers.XavierNormal(tensor, new Rng(22), gain);

        SampleMoments.AssertMatch(tensor.Data, 0.0, std, SampleMoments.NormalKurtosis);
    }

    [Theory]
    [InlineData(FanMode.FanIn, 32 * 25)]
    [InlineData(FanMode.FanOut, 64 * 25)]
    public void KaimingUniform_ConvRelu_BoundedBySqrt6OverFan(FanMode mode, int fan)
    {
        var tensor = new Tensor(ConvShape);
        double bound = Math.Sqrt(2.0) * Math.Sqrt(3.0 / fan);

        Initializers.KaimingUniform(tensor, new Rng(23), 0.0, mode, Nonlinearity.Relu);

        Assert.All(tensor.Data, v => Assert.InRange(v, -bound, bound));
        SampleMoments.AssertMatch(
            tensor.Data, 0.0, bound / Math.Sqrt(3.0), SampleMoments.UniformKurtosis);
    }

    [Theory]
    [InlineData(0.0, FanMode.FanIn, 400)]
    [InlineData(0.2, FanMode.FanIn, 400)]
    [InlineData(0.2, FanMode.FanOut, 256)]
    public void KaimingNormal_LinearLeakyRelu_HasStdGainOverSqrtFan(
        double slope, FanMode mode, int fan)
    {
        var tensor = new Tensor(LinearShape);
        double std = Math.Sqrt(2.0 / (1.0 + slope * slope)) / Math.Sqrt(fan);

        Initializers.KaimingNormal(tensor, new Rng(24), slope, mode, Nonlinearity.LeakyRelu);

        SampleMoments.AssertMatch(tensor.Data, 0.0, std, SampleMoments.NormalKurtosis);
    }

    [Fact]
    public void KaimingNormal_Defaults_UseReluFanIn()
    {
        // PyTorch defaults: a = 0, mode fan_in, leaky_relu, so the gain is sqrt(2).
        var tensor = new Tensor(LinearShape);

        Initializers.KaimingNormal(tensor, new Rng(25));

        SampleMoments.AssertMatch(
            tensor.Data, 0.0, Math.Sqrt(2.0 / 400), SampleMoments.NormalKurtosis);
    }

    [Fact]
    public void KaimingUniform_EmptyTensor_LeavesItUnchanged()
    {
        var tensor = new Tensor(0);

        Initializers.KaimingUniform(tensor, new Rng(1));

        Assert.Empty(tensor.Data);
    }

    [Fact]
    public void XavierUniform_EmptyWeight_LeavesItUnchanged()
    {
        var tensor = new Tensor(0, 0);

        Initializers.XavierUniform(tensor, new Rng(1));

        Assert.Empty(tensor.Data);
    }

    public static TheoryData<string, Action<Tensor>> ScaledInitializers => new()
    {
        { "XavierUniform", t => Initializers.XavierUniform(t, new Rng(1)) },
        { "XavierNormal", t => Initializers.XavierNormal(t, new Rng(1)) },
        { "KaimingUniform", t => Initializers.KaimingUniform(t, new Rng(1)) },
        { "KaimingNormal", t => Initializers.KaimingNormal(t, new Rng(1)) },
    };

    [Theory]
    [MemberData(nameof(ScaledInitializers))]
    public void ScaledInit_Rank1Bias_ThrowsNamingShape(string name, Action<Tensor> init)
    {
        var error = Assert.Throws<ArgumentException>(() => init(new Tensor(7)));

        Assert.True(error.Message.Contains("shape (7,)"), $"{name}: {error.Message}");
    }

    [Theory]
    [MemberData(nameof(ScaledInitializers))]
    public void ScaledInit_Scalar_ThrowsNamingShape(string name, Action<Tensor> init)
    {
        var error = Assert.Throws<ArgumentException>(() => init(Tensor.Scalar(1f)));

        Assert.True(error.Message.Contains("shape ()"), $"{name}: {error.Message}");
    }

    public static TheoryData<string, Action<Tensor, Rng>> AllRandomInitializers => new()
    {
        { "Normal", (t, r) => Initializers.Normal(t, r, 0f, 0.02f) },
        { "Uniform", (t, r) => Initializers.Uniform(t, r, -1f, 1f) },
        { "XavierUniform", (t, r) => Initializers.XavierUniform(t, r) },
        { "XavierNormal", (t, r) => Initializers.XavierNormal(t, r) },
        { "KaimingUniform", (t, r) => Initializers.KaimingUniform(t, r) },
        { "KaimingNormal", (t, r) => Initializers.KaimingNormal(t, r) },
    };

    [Theory]
    [MemberData(nameof(AllRandomInitializers))]
    public void RandomInit_SameSeed_GivesSameValues(string name, Action<Tensor, Rng> init)
    {
        var first = new Tensor(16, 9, 3, 3);
        var second = new Tensor(16, 9, 3, 3);

        init(first, new Rng(1234));
        init(second, new Rng(1234));

        Assert.True(first.Data.SequenceEqual(second.Data), name);
    }

    [Theory]
    [MemberData(nameof(AllRandomInitializers))]
    public void RandomInit_OtherSeed_GivesOtherValues(string name, Action<Tensor, Rng> init)
    {
        var first = new Tensor(16, 9, 3, 3);
        var second = new Tensor(16, 9, 3, 3);

        init(first, new Rng(1234));
        init(second, new Rng(1235));

        Assert.False(first.Data.SequenceEqual(second.Data), name);
    }
}
