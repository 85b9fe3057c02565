using NativeGan.Gan.Quality;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Quality;

public sealed class FeatureStatisticsTests
{
    [Fact]
    public void Compute_ThreePoints_MatchesHandComputedMean()
    {
        FeatureStatistics statistics = FeatureStatistics.Compute([1, 2, 3, 4, 5, 0], 3, 2);

        Assert.Equal([3.0, 2.0], statistics.Mean);
    }

    [Fact]
    public void Compute_ThreePoints_MatchesHandComputedCovariance()
    {
        // x = 1, 3, 5 and y = 2, 4, 0: var x = (4 + 0 + 4) / 2 = 4, var y = (0 + 4 + 4) / 2 = 4,
        // cov = ((-2)(0) + (0)(2) + (2)(-2)) / 2 = -2.
        FeatureStatistics statistics = FeatureStatistics.Compute([1, 2, 3, 4, 5, 0], 3, 2);

        Assert.Equal([4.0, -2.0, -2.0, 4.0], statistics.Covariance);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(9, 5)]
    [InlineData(101, 13)]
    public void Compute_RandomFeatures_MatchesFloat64Reference(int count, int dimension)
    {
        var rng = new Rng((ulong)(count * dimension));
        var features = new float[count * dimension];
        rng.FillUniform(features, -3f, 5f);

        FeatureStatistics statistics = FeatureStatistics.Compute(features, count, dimension);

        // Textbook definition: (sum x x^T - n mean mean^T) / (n - 1).
        double maxError = 0;
        for (int i = 0; i < dimension; i++)
        {
            double mean = Enumerable.Range(0, count)
                .Average(n => (double)features[n * dimension + i]);
            maxError = Math.Max(maxError, Math.Abs(mean - statistics.Mean[i]));
            for (int j = 0; j < dimension; j++)
            {
                double meanJ = Enumerable.Range(0, count)
                    .Average(n => (double)features[n * dimension + j]);
                double products = Enumerable.Range(0, count)
                    .Sum(n => (double)features[n * dimension + i] * features[n * dimension + j]);
                double covariance = (products - count * mean * meanJ) / (count - 1);
                maxError = Math.Max(
                    maxError, Math.Abs(covariance - statistics.Covariance[i * dimension + j]));
            }
        }

        Assert.True(maxError < 1e-12, $"max error {maxError:G3}");
    }

    [Fact]
    public void Compute_LargeOffset_KeepsSmallVariance()
    {
        // Values 10000 +- 0.5: float32 represents them exactly, and the two-pass covariance stays
        // exact where sum x^2 - n mean^2 would cancel catastrophically in float32.
        float[] features = [10000f, 10000.5f, 9999.5f, 10000f];

        FeatureStatistics statistics = FeatureStatistics.Compute(features, 4, 1);

        Assert.Equal(0.5 / 3, statistics.Covariance[0], 1e-15);
    }

    [Fact]
    public void Compute_OneVector_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => FeatureStatistics.Compute([1, 2], 1, 2));

        Assert.Contains("at least 2", error.Message);
    }

    [Fact]
    public void Compute_NaNFeature_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => FeatureStatistics.Compute([1, float.NaN, 3, 4], 2, 2));

        Assert.Contains("Feature 1 of vector 0", error.Message);
    }

    [Fact]
    public void Compute_LengthMismatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => FeatureStatistics.Compute([1, 2, 3], 2, 2));

        Assert.Contains("3 feature values", error.Message);
    }

    [Fact]
    public void Constructor_AsymmetricCovariance_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new FeatureStatistics([0, 0], [1, 0.5, 0.4, 1], 2));

        Assert.Contains("not symmetric", error.Message);
    }
}
