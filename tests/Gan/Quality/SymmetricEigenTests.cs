using NativeGan.Gan.Quality;
using NativeGan.Tensors;
using static NativeGan.Gan.Tests.Quality.MatrixTestHelpers;

namespace NativeGan.Gan.Tests.Quality;

public sealed class SymmetricEigenTests
{
    public static TheoryData<int> Sizes => new() { 1, 2, 3, 17, 64 };

    [Fact]
    public void Decompose_Diagonal_ReturnsSortedDiagonal()
    {
        SymmetricEigen eigen = SymmetricEigen.Decompose(Diagonal(3, -1, 0, 2.5), 4);

        Assert.Equal([-1, 0, 2.5, 3], eigen.Values);
    }

    [Fact]
    public void Decompose_Diagonal_VectorsAreUnitVectors()
    {
        SymmetricEigen eigen = SymmetricEigen.Decompose(Diagonal(3, -1, 0, 2.5), 4);

        // Column k of Vectors is the unit vector of the diagonal entry sorted to position k.
        int[] source = [1, 2, 3, 0];
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(1.0, Math.Abs(eigen.Vectors[source[k] * 4 + k]));
        }
    }

    [Theory]
    [InlineData(2.0, 1.0, 2.0)]
    [InlineData(4.0, -3.0, 1.0)]
    [InlineData(1e-8, 5.0, -7.0)]
    [InlineData(0.0, 1e-12, 0.0)]
    public void Decompose_TwoByTwo_MatchesClosedForm(double a, double b, double c)
    {
        // Eigenvalues of [[a, b], [b, c]]: (a + c) / 2 -+ sqrt(((a - c) / 2)^2 + b^2).
        double center = (a + c) / 2;
        double radius = Math.Sqrt((a - c) * (a - c) / 4 + b * b);

        SymmetricEigen eigen = SymmetricEigen.Decompose([a, b, b, c], 2);

        double tolerance = 1e-14 * (Math.Abs(center) + radius);
        Assert.Equal(center - radius, eigen.Values[0], tolerance);
        Assert.Equal(center + radius, eigen.Values[1], tolerance);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Decompose_KnownSpectrum_RecoversEigenvalues(int n)
    {
        var rng = new Rng((ulong)n);
        double[] expected = Enumerable.Range(0, n).Select(i => i * 0.75 - n / 3.0).ToArray();
        double[] matrix = WithEigenvalues(RandomOrthogonal(rng, n), expected);

        SymmetricEigen eigen = SymmetricEigen.Decompose(matrix, n);

        Assert.True(
            MaxDifference(expected, eigen.Values) < 1e-12 * n,
            $"max eigenvalue error {MaxDifference(expected, eigen.Values):G3}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Decompose_RandomSymmetric_ReconstructsMatrix(int n)
    {
        double[] matrix = RandomCovariance(new Rng((ulong)n + 50), n, rows: 3);

        SymmetricEigen eigen = SymmetricEigen.Decompose(matrix, n);

        double[] rebuilt = WithEigenvalues(eigen.Vectors, eigen.Values);
        Assert.True(
            MaxDifference(matrix, rebuilt) < 1e-13,
            $"max |V diag V^T - A| {MaxDifference(matrix, rebuilt):G3}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Decompose_RandomSymmetric_VectorsAreOrthonormal(int n)
    {
        double[] matrix = RandomCovariance(new Rng((ulong)n + 80), n, rows: n + 5);

        SymmetricEigen eigen = SymmetricEigen.Decompose(matrix, n);

        double[] transposed = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                transposed[i * n + j] = eigen.Vectors[j * n + i];
            }
        }

        double[] gram = Multiply(transposed, eigen.Vectors, n);
        double[] identity = Diagonal(Enumerable.Repeat(1.0, n).ToArray());
        Assert.True(
            MaxDifference(gram, identity) < 1e-13,
            $"max |V^T V - I| {MaxDifference(gram, identity):G3}");
    }

    [Fact]
    public void Decompose_RepeatedEigenvalue_ReturnsBothCopies()
    {
        double[] matrix = WithEigenvalues(RandomOrthogonal(new Rng(3), 5), [2, 2, 2, 7, 7]);

        SymmetricEigen eigen = SymmetricEigen.Decompose(matrix, 5);

        Assert.True(MaxDifference([2, 2, 2, 7, 7], eigen.Values) < 1e-13);
    }

    [Fact]
    public void Decompose_NotSymmetric_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => SymmetricEigen.Decompose([1, 2, 3, 4], 2));

        Assert.Contains("not symmetric", error.Message);
    }

    [Fact]
    public void Decompose_WrongLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => SymmetricEigen.Decompose([1, 2, 3], 2));

        Assert.Contains("not 2 x 2", error.Message);
    }

    [Fact]
    public void Decompose_NaNEntry_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => SymmetricEigen.Decompose([1, double.NaN, double.NaN, 1], 2));

        Assert.Contains("finite", error.Message);
    }
}
