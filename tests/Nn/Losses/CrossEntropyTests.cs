using NativeGan.Autodiff;
using NativeGan.Tensors;
using static NativeGan.Nn.Losses;

namespace NativeGan.Nn.Tests.Losses;

public sealed class CrossEntropyTests
{
    public static TheoryData<int, int> Shapes => new()
    {
        { 1, 1 },
        { 1, 10 },
        { 7, 3 },
        { 33, 10 },
        { 129, 17 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CrossEntropy_RandomLogits_MatchesFloat64(int rows, int classes)
    {
        var rng = new Rng((ulong)(rows * 100 + classes));
        Tensor logits = Uniform(rng, rows, classes, -6f, 6f);
        int[] labels = RandomLabels(rng, rows, classes);

        double expected = ReferenceLoss(logits, labels);
        float loss = CrossEntropy(new Variable(logits), labels).Value.Item();

        Assert.Equal(expected, loss, 1e-5 + 1e-6 * expected);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CrossEntropy_Gradient_MatchesSoftmaxMinusOneHot(int rows, int classes)
    {
        var rng = new Rng((ulong)(rows * 100 + classes) + 7);
        Tensor logits = Uniform(rng, rows, classes, -6f, 6f);
        int[] labels = RandomLabels(rng, rows, classes);
        var input = new Variable(logits, requiresGrad: true);

        CrossEntropy(input, labels).Backward();

        double[] expected = ReferenceGradient(logits, labels);
        double maxError = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            maxError = Math.Max(maxError, Math.Abs(expected[i] - input.Grad!.Data[i]));
        }

        Assert.True(maxError < 1e-6, $"max |dX - float64 reference| = {maxError:G3}");
    }

    [Fact]
    public void CrossEntropy_Gradient_MatchesFiniteDifferences()
    {
        var rng = new Rng(21);
        int[] labels = RandomLabels(rng, 5, 4);

        GradientCheckResult result = GradientCheck.Check(
            v => CrossEntropy(v[0], labels), [Uniform(rng, 5, 4, -3f, 3f)]);

        Assert.True(result.Passed, result.Worst);
    }

    [Fact]
    public void CrossEntropy_UpstreamGradient_ScalesResult()
    {
        var rng = new Rng(22);
        Tensor logits = Uniform(rng, 6, 5, -2f, 2f);
        int[] labels = RandomLabels(rng, 6, 5);
        var input = new Variable(logits, requiresGrad: true);

        Functions.Scale(CrossEntropy(input, labels), 3f).Backward();

        double[] expected = ReferenceGradient(logits, labels);
        Assert.Equal(3.0 * expected[0], input.Grad!.Data[0], 1e-6);
    }

    [Theory]
    [InlineData(1000f, 0, 0.0)]
    [InlineData(1000f, 1, 2000.0)]
    [InlineData(-1000f, 0, 2000.0)]
    [InlineData(-1000f, 1, 0.0)]
    public void CrossEntropy_ExtremeLogits_FiniteValue(float logit, int label, double expected)
    {
        // Two classes with logits (logit, -logit): the loss is 0 or 2 |logit|.
        var input = new Variable(Tensor.FromArray([logit, -logit], 1, 2));

        float loss = CrossEntropy(input, [label]).Value.Item();

        Assert.Equal(expected, loss, 1e-3);
    }

    [Fact]
    public void CrossEntropy_ExtremeLogits_FiniteGradient()
    {
        var input = new Variable(Tensor.FromArray([1000f, -1000f], 1, 2), requiresGrad: true);

        CrossEntropy(input, [1]).Backward();

        Assert.Equal([1f, -1f], input.Grad!.Data);
    }

    [Fact]
    public void CrossEntropy_EqualLogits_IsLnClassCount()
    {
        var input = new Variable(new Tensor(3, 10));

        float loss = CrossEntropy(input, [0, 4, 9]).Value.Item();

        Assert.Equal(Math.Log(10), loss, 1e-6);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void CrossEntropy_LabelOutOfRange_Throws(int label)
    {
        var input = new Variable(new Tensor(2, 3));

        var error = Assert.Throws<ArgumentException>(() => CrossEntropy(input, [0, label]));

        Assert.Contains($"label {label} at row 1", error.Message);
    }

    [Fact]
    public void CrossEntropy_LabelCountMismatch_Throws()
    {
        var input = new Variable(new Tensor(2, 3));

        var error = Assert.Throws<ArgumentException>(() => CrossEntropy(input, [0, 1, 2]));

        Assert.Contains("3 labels", error.Message);
    }

    [Fact]
    public void CrossEntropy_LogitsNotMatrix_Throws()
    {
        var input = new Variable(new Tensor(2, 3, 4));

        var error = Assert.Throws<ArgumentException>(() => CrossEntropy(input, [0, 1]));

        Assert.Contains("(2, 3, 4)", error.Message);
    }

    // Textbook definition -log(e^x[y] / sum e^x), in double, without the max shift.
    private static double ReferenceLoss(Tensor logits, int[] labels)
    {
        int rows = logits.Shape[0];
        int classes = logits.Shape[1];
        double sum = 0;
        for (int n = 0; n < rows; n++)
        {
            double total = 0;
            for (int c = 0; c < classes; c++)
            {
                total += Math.Exp(logits.Data[n * classes + c]);
            }

            sum -= Math.Log(Math.Exp(logits.Data[n * classes + labels[n]]) / total);
        }

        return sum / rows;
    }

    private static double[] ReferenceGradient(Tensor logits, int[] labels)
    {
        int rows = logits.Shape[0];
        int classes = logits.Shape[1];
        var gradient = new double[logits.Length];
        for (int n = 0; n < rows; n++)
        {
            double total = 0;
            for (int c = 0; c < classes; c++)
            {
                total += Math.Exp(logits.Data[n * classes + c]);
            }

            for (int c = 0; c < classes; c++)
            {
                double softmax = Math.Exp(logits.Data[n * classes + c]) / total;
                double oneHot = c == labels[n] ? 1.0 : 0.0;
                gradient[n * classes + c] = (softmax - oneHot) / rows;
            }
        }

        return gradient;
    }

    private static Tensor Uniform(Rng rng, int rows, int columns, float low, float high)
    {
        var tensor = new Tensor(rows, columns);
        rng.FillUniform(tensor.Data, low, high);
        return tensor;
    }

    private static int[] RandomLabels(Rng rng, int rows, int classes) =>
        Enumerable.Range(0, rows).Select(_ => rng.NextInt(classes)).ToArray();
}
