using NativeGan.Autodiff;
using NativeGan.Tensors;
using static NativeGan.Nn.Losses;

namespace NativeGan.Nn.Tests.Losses;

public sealed class LossesTests
{
    public static TheoryData<int> Sizes => new() { 1, 7, 33, 257 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void BceWithLogits_ModerateLogits_MatchesFloat64(int size)
    {
        var rng = new Rng((ulong)size);
        Tensor logits = Uniform(rng, size, -8f, 8f);
        Tensor targets = Uniform(rng, size, 0f, 1f);

        // Textbook definition -[y log s + (1 - y) log(1 - s)] with s = sigmoid(x), in double.
        double expected = 0;
        for (int i = 0; i < size; i++)
        {
            double s = 1.0 / (1.0 + Math.Exp(-(double)logits.Data[i]));
            double y = targets.Data[i];
            expected -= y * Math.Log(s) + (1 - y) * Math.Log(1 - s);
        }

        expected /= size;

        float loss = BinaryCrossEntropyWithLogits(new Variable(logits), targets).Value.Item();

        Assert.Equal(expected, loss, 1e-5 + 1e-6 * expected);
    }

    [Theory]
    [InlineData(1000f, 0f, 1000.0)]
    [InlineData(-1000f, 1f, 1000.0)]
    [InlineData(1000f, 1f, 0.0)]
    [InlineData(-1000f, 0f, 0.0)]
    [InlineData(1000f, 0.5f, 500.0)]
    public void BceWithLogits_ExtremeLogit_FiniteValue(float logit, float target, double expected)
    {
        var input = new Variable(Tensor.FromArray([logit], 1));
        Tensor targets = Tensor.FromArray([target], 1);

        float loss = BinaryCrossEntropyWithLogits(input, targets).Value.Item();

        Assert.Equal(expected, loss, 1e-3);
    }

    [Theory]
    [InlineData(1000f, 0f, 1f)]
    [InlineData(-1000f, 1f, -1f)]
    [InlineData(1000f, 1f, 0f)]
    [InlineData(-1000f, 0f, 0f)]
    public void BceWithLogits_ExtremeLogit_FiniteGradient(float logit, float target, float expected)
    {
        var input = new Variable(Tensor.FromArray([logit], 1), requiresGrad: true);

        BinaryCrossEntropyWithLogits(input, Tensor.FromArray([target], 1)).Backward();

        Assert.Equal(expected, input.Grad!.Item());
    }

    [Fact]
    public void BceWithLogits_Gradient_MatchesFiniteDifferences()
    {
        var rng = new Rng(11);
        Tensor targets = Uniform(rng, 12, 0f, 1f);

        GradientCheckResult result = GradientCheck.Check(
            v => BinaryCrossEntropyWithLogits(v[0], targets), [Uniform(rng, 12, -4f, 4f)]);

        Assert.True(result.Passed, result.Worst);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Bce_RandomProbabilities_MatchesFloat64(int size)
    {
        var rng = new Rng((ulong)size + 100);
        Tensor p = Uniform(rng, size, 0.01f, 0.99f);
        Tensor targets = Uniform(rng, size, 0f, 1f);
        double expected = 0;
        for (int i = 0; i < size; i++)
        {
            double y = targets.Data[i];
            expected -= y * Math.Log(p.Data[i]) + (1 - y) * Math.Log(1 - (double)p.Data[i]);
        }

        expected /= size;

        float loss = BinaryCrossEntropy(new Variable(p), targets).Value.Item();

        Assert.Equal(expected, loss, 1e-6 + 1e-6 * expected);
    }

    [Theory]
    [InlineData(0f, 1f, 100.0)]
    [InlineData(1f, 0f, 100.0)]
    [InlineData(0f, 0.5f, 50.0)]
    [InlineData(0f, 0f, 0.0)]
    [InlineData(1f, 1f, 0.0)]
    public void Bce_ProbabilityZeroOrOne_ClampsLogAtMinus100(
        float probability, float target, double expected)
    {
        var input = new Variable(Tensor.FromArray([probability], 1));

        float loss = BinaryCrossEntropy(input, Tensor.FromArray([target], 1)).Value.Item();

        Assert.Equal(expected, loss, 1e-4);
    }

    [Fact]
    public void Bce_ProbabilityZero_FiniteGradient()
    {
        var input = new Variable(Tensor.FromArray([0f, 1f], 2), requiresGrad: true);

        BinaryCrossEntropy(input, Tensor.FromArray([1f, 0f], 2)).Backward();

        Assert.All(input.Grad!.Data, g => Assert.True(float.IsFinite(g), $"gradient {g}"));
    }

    [Fact]
    public void Bce_Gradient_MatchesFiniteDifferences()
    {
        var rng = new Rng(12);
        Tensor targets = Uniform(rng, 12, 0f, 1f);

        GradientCheckResult result = GradientCheck.Check(
            v => BinaryCrossEntropy(v[0], targets),
            [Uniform(rng, 12, 0.1f, 0.9f)],
            epsilon: 2e-3f);

        Assert.True(result.Passed, result.Worst);
    }

    [Fact]
    public void Bce_AfterSigmoid_EqualsBceWithLogits()
    {
        var rng = new Rng(13);
        Tensor logits = Uniform(rng, 33, -4f, 4f);
        Tensor targets = Uniform(rng, 33, 0f, 1f);

        float viaSigmoid = BinaryCrossEntropy(
            Functions.Sigmoid(new Variable(logits)), targets).Value.Item();
        float direct = BinaryCrossEntropyWithLogits(new Variable(logits), targets).Value.Item();

        Assert.Equal(direct, viaSigmoid, 1e-5f);
    }

    [Theory]
    [InlineData(-0.01f)]
    [InlineData(1.01f)]
    [InlineData(float.NaN)]
    public void Bce_ProbabilityOutsideUnitInterval_ThrowsWithIndexAndValue(float bad)
    {
        var input = new Variable(Tensor.FromArray([0.5f, 0.5f, bad], 3));

        var error = Assert.Throws<ArgumentException>(
            () => BinaryCrossEntropy(input, Tensor.Ones(3)));

        Assert.Contains("element 2", error.Message);
        Assert.Contains($"is {bad}", error.Message);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Mse_RandomInput_MatchesFloat64(int size)
    {
        var rng = new Rng((ulong)size + 200);
        Tensor predictions = Uniform(rng, size, -3f, 3f);
        Tensor targets = Uniform(rng, size, -3f, 3f);
        double expected = 0;
        for (int i = 0; i < size; i++)
        {
            double d = (double)predictions.Data[i] - targets.Data[i];
            expected += d * d;
        }

        expected /= size;

        float loss = MeanSquaredError(new Variable(predictions), targets).Value.Item();

        Assert.Equal(expected, loss, 1e-6 * expected + 1e-7);
    }

    [Fact]
    public void Mse_Gradient_MatchesFiniteDifferences()
    {
        var rng = new Rng(14);
        Tensor targets = Uniform(rng, 12, -1f, 1f);

        GradientCheckResult result = GradientCheck.Check(
            v => MeanSquaredError(v[0], targets), [Uniform(rng, 12, -2f, 2f)]);

        Assert.True(result.Passed, result.Worst);
    }

    [Fact]
    public void Losses_TargetsConstant_NoGradientForTargets()
    {
        var input = new Variable(Tensor.Full(0.5f, 3), requiresGrad: true);
        var targets = Tensor.Ones(3);

        MeanSquaredError(input, targets).Backward();

        Assert.Equal(new Shape(3), input.Grad!.Shape);
    }

    [Fact]
    public void Losses_ShapeMismatch_ThrowsWithBothShapes()
    {
        var input = new Variable(new Tensor(4, 1));
        var targets = new Tensor(4);

        var mse = Assert.Throws<ArgumentException>(() => MeanSquaredError(input, targets));
        var bceWithLogits = Assert.Throws<ArgumentException>(
            () => BinaryCrossEntropyWithLogits(input, targets));
        var bce = Assert.Throws<ArgumentException>(() => BinaryCrossEntropy(input, targets));

        Assert.Contains("(4, 1) and target shape (4,)", mse.Message);
        Assert.Contains("(4, 1) and target shape (4,)", bceWithLogits.Message);
        Assert.Contains("(4, 1) and target shape (4,)", bce.Message);
    }

    [Fact]
    public void Losses_NoElements_Throw()
    {
        var input = new Variable(new Tensor(0));
        var targets = new Tensor(0);

        Assert.Throws<ArgumentException>(() => MeanSquaredError(input, targets));
        Assert.Throws<ArgumentException>(() => BinaryCrossEntropyWithLogits(input, targets));
        Assert.Throws<ArgumentException>(() => BinaryCrossEntropy(input, targets));
    }

    private static Tensor Uniform(Rng rng, int size, float low, float high)
    {
        var tensor = new Tensor(size);
        rng.FillUniform(tensor.Data, low, high);
        return tensor;
    }
}
