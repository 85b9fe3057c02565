using NativeGan.Gan.Quality;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Quality;

public sealed class ClassCoverageTests
{
    [Fact]
    public void Entropy_AllClassesEqual_IsLnTen()
    {
        ClassCoverage coverage = CoverageOf(Enumerable.Range(0, 50).Select(i => i % 10));

        Assert.Equal(Math.Log(10), coverage.Entropy(), 1e-12);
    }

    [Fact]
    public void Entropy_OneClass_IsZero()
    {
        ClassCoverage coverage = CoverageOf(Enumerable.Repeat(7, 20));

        Assert.Equal(0.0, coverage.Entropy());
    }

    [Fact]
    public void Entropy_TwoClassesEqual_IsLnTwo()
    {
        ClassCoverage coverage = CoverageOf([3, 8, 3, 8]);

        Assert.Equal(Math.Log(2), coverage.Entropy(), 1e-12);
    }

    [Fact]
    public void Shares_MixedPredictions_CountEachClass()
    {
        ClassCoverage coverage = CoverageOf([0, 0, 1, 9, 9, 9, 9, 5]);

        Assert.Equal([0.25, 0.125, 0, 0, 0, 0.125, 0, 0, 0, 0.5], coverage.Shares());
    }

    [Fact]
    public void Entropy_MixedPredictions_MatchesDefinition()
    {
        ClassCoverage coverage = CoverageOf([0, 0, 1, 9, 9, 9, 9, 5]);

        double expected =
            -(0.25 * Math.Log(0.25) + 2 * 0.125 * Math.Log(0.125) + 0.5 * Math.Log(0.5));
        Assert.Equal(expected, coverage.Entropy(), 1e-12);
    }

    [Fact]
    public void Add_TwoBatches_AccumulatesTotal()
    {
        var coverage = new ClassCoverage();

        coverage.Add(LogitsFor([1, 2, 3]));
        coverage.Add(LogitsFor([4, 5]));

        Assert.Equal(5, coverage.Total);
    }

    [Fact]
    public void Argmax_Tie_ReturnsFirstIndex()
    {
        Assert.Equal(1, ClassCoverage.Argmax([0f, 2f, 2f, -1f]));
    }

    [Fact]
    public void Argmax_NaN_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassCoverage.Argmax([0f, float.NaN]));

        Assert.Contains("value 1 is NaN", error.Message);
    }

    [Fact]
    public void Add_WrongClassCount_Throws()
    {
        var coverage = new ClassCoverage();

        var error = Assert.Throws<ArgumentException>(() => coverage.Add(new Tensor(4, 9)));

        Assert.Contains("(4, 9)", error.Message);
    }

    [Fact]
    public void Shares_NothingCounted_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new ClassCoverage().Shares());
    }

    private static ClassCoverage CoverageOf(IEnumerable<int> predictions)
    {
        var coverage = new ClassCoverage();
        coverage.Add(LogitsFor(predictions.ToArray()));
        return coverage;
    }

    // Fake classifier output: random logits below 1, with 3 at the predicted class.
    private static Tensor LogitsFor(int[] predictions)
    {
        var logits = new Tensor(predictions.Length, MnistClassifier.ClassCount);
        new Rng((ulong)predictions.Length).FillUniform(logits.Data, -2f, 1f);
        for (int n = 0; n < predictions.Length; n++)
        {
            logits.Data[n * MnistClassifier.ClassCount + predictions[n]] = 3f;
        }

        return logits;
    }
}
