using NativeGan.Gan.Quality;
using NativeGan.Tensors;
using static NativeGan.Gan.Tests.Quality.MatrixTestHelpers;

namespace NativeGan.Gan.Tests.Quality;

public sealed class FrechetDistanceTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(20, 50)]
    [InlineData(20, 7)]
    [InlineData(128, 300)]
    public void Compute_SameStatistics_IsZero(int dimension, int rows)
    {
        var rng = new Rng((ulong)(dimension + rows));
        FeatureStatistics statistics = RandomStatistics(rng, dimension, rows);

        double distance = FrechetDistance.Compute(statistics, statistics);

        double trace = Enumerable.Range(0, dimension)
            .Sum(i => statistics.Covariance[i * dimension + i]);
        Assert.True(Math.Abs(distance) < 1e-10 * trace, $"FD of itself is {distance:G3}");
    }

    [Fact]
    public void Compute_DiagonalCovariances_MatchesPerAxisFormula()
    {
        // For diagonal S1, S2: Tr(S1 + S2 - 2 sqrt(S1 S2)) = sum (sqrt(a_i) - sqrt(b_i))^2.
        double[] a = [4, 1, 0.25, 9, 0];
        double[] b = [1, 1, 4, 0.5, 2];
        double[] mean1 = [1, 0, -2, 0.5, 3];
        double[] mean2 = [0, 0, 1, 0.5, -1];
        double expected = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double root = Math.Sqrt(a[i]) - Math.Sqrt(b[i]);
            expected += (mean1[i] - mean2[i]) * (mean1[i] - mean2[i]) + root * root;
        }

        double distance = FrechetDistance.Compute(
            new FeatureStatistics(mean1, Diagonal(a), 100),
            new FeatureStatistics(mean2, Diagonal(b), 100));

        Assert.Equal(expected, distance, 1e-12);
    }

    [Theory]
    [InlineData(2.0, 0.5, 1.0, 1.0, -0.3, 2.0)]
    [InlineData(1.0, 0.0, 1.0, 3.0, 1.0, 1.0)]
    [InlineData(5.0, 2.0, 1.0, 0.2, 0.1, 0.3)]
    public void TraceOfSquareRootProduct_TwoByTwo_MatchesClosedForm(
        double a, double b, double c, double d, double e, double f)
    {
        // M = S1 S2 has eigenvalues l1, l2 >= 0, so (sqrt(l1) + sqrt(l2))^2 = Tr M + 2 sqrt(det M)
        // and det M = det S1 det S2.
        double[] s1 = [a, b, b, c];
        double[] s2 = [d, e, e, f];
        double traceOfProduct = a * d + b * e + b * e + c * f;
        double determinants = (a * c - b * b) * (d * f - e * e);
        double expected = Math.Sqrt(traceOfProduct + 2 * Math.Sqrt(determinants));

        double trace = FrechetDistance.TraceOfSquareRootProduct(s1, s2, 2);

        Assert.Equal(expected, trace, 1e-13);
    }

    [Fact]
    public void Compute_ScaledCovariance_MatchesClosedForm()
    {
        // S2 = c^2 S1 gives sqrt(S1 S2) = c S1, so FD = |mu1 - mu2|^2 + (1 - c)^2 Tr S1.
        const int N = 12;
        const double Scale = 1.7;
        var rng = new Rng(40);
        double[] s1 = RandomCovariance(rng, N, 30);
        double[] s2 = s1.Select(v => v * Scale * Scale).ToArray();
        double[] mean1 = RandomVector(rng, N);
        double[] mean2 = RandomVector(rng, N);
        double expected = SquaredDistance(mean1, mean2) +
            (1 - Scale) * (1 - Scale) * Enumerable.Range(0, N).Sum(i => s1[i * N + i]);

        double distance = FrechetDistance.Compute(
            new FeatureStatistics(mean1, s1, 30), new FeatureStatistics(mean2, s2, 30));

        Assert.Equal(expected, distance, 1e-11);
    }

    [Fact]
    public void Compute_SharedEigenvectors_MatchesClosedForm()
    {
        // S1 = Q diag(a) Q^T and S2 = Q diag(b) Q^T: FD = |mu1 - mu2|^2 + sum (sqrt a - sqrt b)^2.
        const int N = 16;
        var rng = new Rng(41);
        double[] q = RandomOrthogonal(rng, N);
        double[] a = Enumerable.Range(0, N).Select(_ => 3 * rng.NextDouble()).ToArray();
        double[] b = Enumerable.Range(0, N).Select(_ => 3 * rng.NextDouble()).ToArray();
        double[] mean1 = RandomVector(rng, N);
        double[] mean2 = RandomVector(rng, N);
        double expected = SquaredDistance(mean1, mean2) +
            a.Zip(b, (x, y) => (Math.Sqrt(x) - Math.Sqrt(y)) * (Math.Sqrt(x) - Math.Sqrt(y))).Sum();

        double distance = FrechetDistance.Compute(
            new FeatureStatistics(mean1, WithEigenvalues(q, a), 10),
            new FeatureStatistics(mean2, WithEigenvalues(q, b), 10));

        Assert.Equal(expected, distance, 1e-11);
    }

    [Fact]
    public void Compute_SwappedArguments_SameDistance()
    {
        var rng = new Rng(42);
        FeatureStatistics first = RandomStatistics(rng, 30, 40);
        FeatureStatistics second = RandomStatistics(rng, 30, 90);

        double forward = FrechetDistance.Compute(first, second);
        double backward = FrechetDistance.Compute(second, first);

        Assert.Equal(forward, backward, 1e-11 * forward);
    }

    [Fact]
    public void SquareRoot_RandomCovariance_SquaresBack()
    {
        const int N = 25;
        double[] matrix = RandomCovariance(new Rng(43), N, 40);

        double[] root = FrechetDistance.SquareRoot(matrix, N);

        Assert.True(MaxDifference(matrix, Multiply(root, root, N)) < 1e-13);
    }

    [Fact]
    public void Compute_NegativeEigenvalue_Throws()
    {
        var indefinite = new FeatureStatistics([0, 0], [1, 2, 2, 1], 10);
        var identity = new FeatureStatistics([0, 0], Diagonal(1, 1), 10);

        var error = Assert.Throws<ArgumentException>(
            () => FrechetDistance.Compute(indefinite, identity));

        Assert.Contains("not positive semi-definite", error.Message);
    }

    [Fact]
    public void Compute_DimensionMismatch_Throws()
    {
        var small = new FeatureStatistics([0], [1], 10);
        var large = new FeatureStatistics([0, 0], Diagonal(1, 1), 10);

        var error = Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(small, large));

        Assert.Contains("dimension 1 and 2", error.Message);
    }

    private static FeatureStatistics RandomStatistics(Rng rng, int dimension, int rows) =>
        new(RandomVector(rng, dimension), RandomCovariance(rng, dimension, rows), rows);

    private static double[] RandomVector(Rng rng, int n) =>
        Enumerable.Range(0, n).Select(_ => 4 * rng.NextDouble() - 2).ToArray();

    private static double SquaredDistance(double[] a, double[] b) =>
        a.Zip(b, (x, y) => (x - y) * (x - y)).Sum();
}
