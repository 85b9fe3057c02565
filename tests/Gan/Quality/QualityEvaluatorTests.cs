using NativeGan.Autodiff;
using NativeGan.Gan.Models;
using NativeGan.Gan.Quality;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Quality;

/// <summary>
/// Synthetic digits and an evaluator built once for all tests of the class, since the
/// reference statistics take a pass over 1003 images.
/// </summary>
public sealed class EvaluatorFixture : IDisposable
{
    public EvaluatorFixture()
    {
        Classifier.Eval();
        Evaluator = QualityEvaluator.Create(Classifier, Digits.Test);
    }

    public SyntheticDigits Digits { get; } = new(trainCount: 60, testCount: 1003);

    public MnistClassifier Classifier { get; } = new(new Rng(9));

    public QualityEvaluator Evaluator { get; }

    public void Dispose() => Digits.Dispose();
}

public sealed class QualityEvaluatorTests(EvaluatorFixture fixture)
    : IClassFixture<EvaluatorFixture>
{
    private const int LatentSize = 16;

    private readonly SyntheticDigits _digits = fixture.Digits;
    private readonly MnistClassifier _classifier = fixture.Classifier;
    private readonly QualityEvaluator _evaluator = fixture.Evaluator;

    [Fact]
    public void Create_Reference_CountsEveryTestImage()
    {
        Assert.Equal(1003, _evaluator.Reference.Count);
    }

    [Fact]
    public void Create_Reference_MatchesOnePass()
    {
        // 1003 images span three batches; one pass over all of them must give the same mean.
        float[] features;
        using (GradMode.NoGrad())
        {
            Tensor images = _digits.Test.GetImages(Enumerable.Range(0, 1003).ToArray());
            features = _classifier.ExtractFeatures(new Variable(images)).Value.Data;
        }

        var expected = FeatureStatistics.Compute(features, 1003, MnistClassifier.FeatureSize);

        double maxError = 0;
        for (int i = 0; i < MnistClassifier.FeatureSize; i++)
        {
            double difference = Math.Abs(expected.Mean[i] - _evaluator.Reference.Mean[i]);
            maxError = Math.Max(maxError, difference);
        }

        Assert.True(maxError < 1e-5, $"max mean difference {maxError:G3}");
    }

    [Fact]
    public void EvaluateImages_ReferenceImages_DistanceIsZero()
    {
        QualityScore score = _evaluator.EvaluateImages(_digits.Test, 1003);

        // Zero up to rounding: the eigenvalues of sqrt(S) S sqrt(S) are the squares of S's,
        // so an eigenvalue of S below sqrt(eps) = 1.5e-8 of the largest is lost to rounding
        // and costs up to about that much of the trace.
        int d = MnistClassifier.FeatureSize;
        double trace = Enumerable.Range(0, d).Sum(i => _evaluator.Reference.Covariance[i * d + i]);
        Assert.True(
            Math.Abs(score.FrechetDistance) < 1e-6 * trace,
            $"FD {score.FrechetDistance:G3}, covariance trace {trace:G3}");
    }

    [Fact]
    public void EvaluateImages_BalancedLabels_SharesSumToOne()
    {
        QualityScore score = _evaluator.EvaluateImages(_digits.Test, 500);

        Assert.Equal(1.0, score.ClassShares.Sum(), 1e-12);
    }

    [Fact]
    public void EvaluateImages_Score_EntropyMatchesShares()
    {
        QualityScore score = _evaluator.EvaluateImages(_digits.Test, 500);

        Assert.Equal(ClassCoverage.EntropyOf(score.ClassShares.ToArray()), score.CoverageEntropy);
    }

    [Fact]
    public void EvaluateImages_OtherImages_DistanceIsPositive()
    {
        QualityScore score = _evaluator.EvaluateImages(_digits.Train, 60);

        Assert.True(score.FrechetDistance > 0, $"FD {score.FrechetDistance:G3}");
    }

    [Fact]
    public void EvaluateImages_MoreThanDataset_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => _evaluator.EvaluateImages(_digits.Train, 61));

        Assert.Contains("61", error.Message);
    }

    [Fact]
    public void Evaluate_SameSeed_SameScore()
    {
        ImageGenerator generator = CreateGenerator();

        QualityScore first = _evaluator.Evaluate(generator, 300, seed: 4);
        QualityScore second = _evaluator.Evaluate(generator, 300, seed: 4);

        Assert.Equal(first.FrechetDistance, second.FrechetDistance);
    }

    [Fact]
    public void Evaluate_OtherSeed_OtherScore()
    {
        ImageGenerator generator = CreateGenerator();

        QualityScore first = _evaluator.Evaluate(generator, 300, seed: 4);
        QualityScore second = _evaluator.Evaluate(generator, 300, seed: 5);

        Assert.NotEqual(first.FrechetDistance, second.FrechetDistance);
    }

    [Fact]
    public void Evaluate_Generator_MatchesManualPipeline()
    {
        ImageGenerator generator = CreateGenerator();
        generator.Eval();
        var z = new Tensor(300, LatentSize);
        new Rng(4).FillNormal(z.Data);
        Tensor features;
        using (GradMode.NoGrad())
        {
            Tensor images = generator.Forward(new Variable(z)).Value;
            features = _classifier.ExtractFeatures(new Variable(images)).Value;
        }

        double expected = FrechetDistance.Compute(
            FeatureStatistics.Compute(features.Data, 300, MnistClassifier.FeatureSize),
            _evaluator.Reference);

        QualityScore score = _evaluator.Evaluate(generator, 300, seed: 4);

        Assert.Equal(expected, score.FrechetDistance, 1e-9 * expected);
    }

    [Fact]
    public void Evaluate_TrainingGenerator_KeepsTrainingMode()
    {
        ImageGenerator generator = CreateGenerator();
        generator.Train();

        _evaluator.Evaluate(generator, 10);

        Assert.True(generator.IsTraining);
    }

    [Fact]
    public void Evaluate_OneSample_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => _evaluator.Evaluate(CreateGenerator(), 1));

        Assert.Contains("at least 2", error.Message);
    }

    [Fact]
    public void Evaluate_NaNWeights_ThrowsInvalidData()
    {
        ImageGenerator generator = CreateGenerator();
        generator.Parameters()[0].Value.Data[0] = float.NaN;

        var error = Assert.Throws<InvalidDataException>(() => _evaluator.Evaluate(generator, 10));

        Assert.Contains("NaN", error.Message);
    }

    private static ImageGenerator CreateGenerator() =>
        GanModelFactory.Create("mlp", LatentSize, new Rng(3)).Generator;
}
