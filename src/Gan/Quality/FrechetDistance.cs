namespace NativeGan.Gan.Quality;

/// <summary>
/// Frechet distance between two Gaussians fitted to feature vectors, the formula of the
/// Frechet Inception Distance (FID): |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)), in double.
/// </summary>
/// <remarks>
/// Tr((S1 S2)^(1/2)) is the sum of the square roots of the eigenvalues of
/// sqrt(S1) S2 sqrt(S1), a symmetric positive semi-definite matrix similar to S1 S2. Both
/// square roots therefore come from symmetric eigen-decompositions, with no complex
/// arithmetic. Common Python implementations instead call scipy.linalg.sqrtm on S1 S2 and
/// keep the real part of the result.
/// NOTE: when S1 is close to S2, the eigenvalues of sqrt(S1) S2 sqrt(S1) are about the
/// squares of S1's, so eigenvalues of S1 below sqrt(eps) = 1.5e-8 of the largest are lost
/// to rounding. The absolute error is then up to about d 1.5e-8 times the largest
/// eigenvalue: 0 for a set against itself comes out as about 1e-9 for unit-scale features.
/// </remarks>
public static class FrechetDistance
{
    // An eigenvalue below -NegativeTolerance * (largest |eigenvalue|) means that the input
    // was not positive semi-definite.
    private const double NegativeTolerance = 1e-9;

    // Machine epsilon of double, 2^-52.
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>Computes the distance between the Gaussians of two sets of statistics.</summary>
    /// <exception cref="ArgumentException">
    /// The dimensions differ, or a covariance is not positive semi-definite.
    /// </exception>
    public static double Compute(FeatureStatistics first, FeatureStatistics second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Dimension != second.Dimension)
        {
            throw new ArgumentException(
                $"Feature statistics of dimension {first.Dimension} and {second.Dimension} " +
                "cannot be compared; compute both with the same classifier.", nameof(second));
        }

        int d = first.Dimension;
        double meanTerm = 0;
        double traceTerm = 0;
        for (int i = 0; i < d; i++)
        {
            double difference = first.Mean[i] - second.Mean[i];
            meanTerm += difference * difference;
            traceTerm += first.Covariance[i * d + i] + second.Covariance[i * d + i];
        }

        return meanTerm + traceTerm - 2 * TraceOfSquareRootProduct(
            first.Covariance, second.Covariance, d);
    }

    /// <summary>
    /// Computes Tr((S1 S2)^(1/2)) for symmetric positive semi-definite d x d row-major
    /// matrices, as the sum of sqrt(eigenvalue) of sqrt(S1) S2 sqrt(S1).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A matrix is not symmetric positive semi-definite.
    /// </exception>
    public static double TraceOfSquareRootProduct(double[] s1, double[] s2, int d)
    {
        double[] root = SquareRoot(s1, d, "first covariance");
        double[] product = Multiply(Multiply(root, s2, d), root, d);

        // The product is symmetric in exact arithmetic, but rounding breaks the symmetry that
        // the eigen solver requires, so it is averaged with its transpose.
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                double mean = 0.5 * (product[i * d + j] + product[j * d + i]);
                product[i * d + j] = mean;
                product[j * d + i] = mean;
            }
        }

        double trace = 0;
        foreach (double value in NonNegativeEigenvalues(product, d, "sqrt(S1) S2 sqrt(S1)"))
        {
            trace += Math.Sqrt(value);
        }

        return trace;
    }

    /// <summary>
    /// Computes the symmetric square root V diag(sqrt(lambda)) V^T of a symmetric positive
    /// semi-definite d x d row-major matrix.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The matrix is not symmetric positive semi-definite.
    /// </exception>
    public static double[] SquareRoot(double[] matrix, int d, string name = "matrix")
    {
        SymmetricEigen eigen = SymmetricEigen.Decompose(matrix, d);
        double[] roots = ClampRounding(eigen.Values, name).Select(Math.Sqrt).ToArray();
        double[] result = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = i; j < d; j++)
            {
                double sum = 0;
                for (int k = 0; k < d; k++)
                {
                    sum += eigen.Vectors[i * d + k] * roots[k] * eigen.Vectors[j * d + k];
                }

                result[i * d + j] = sum;
                result[j * d + i] = sum;
            }
        }

        return result;
    }

    private static double[] NonNegativeEigenvalues(double[] matrix, int d, string name) =>
        ClampRounding(SymmetricEigen.Decompose(matrix, d).Values, name);

    // Sets eigenvalues within rounding of zero (|lambda| <= d eps max |lambda|, about the
    // error bound of the eigen solver) to exactly 0. Their square roots would otherwise add
    // about sqrt(eps) relative error each. A feature that is 0 for every image makes the
    // covariance singular, and would move the distance of a set to itself off 0.
    private static double[] ClampRounding(double[] values, string name)
    {
        double largest = values.Max(Math.Abs);
        double noise = values.Length * Epsilon * largest;
        double[] result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] < -NegativeTolerance * largest)
            {
                throw new ArgumentException(
                    $"The {name} is not positive semi-definite: it has the eigenvalue " +
                    $"{values[i]:G6} (largest magnitude {largest:G6}). Pass covariance matrices.");
            }

            result[i] = values[i] <= noise ? 0 : values[i];
        }

        return result;
    }

    private static double[] Multiply(double[] a, double[] b, int d)
    {
        double[] result = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            Span<double> row = result.AsSpan(i * d, d);
            for (int k = 0; k < d; k++)
            {
                double aik = a[i * d + k];
                ReadOnlySpan<double> bRow = b.AsSpan(k * d, d);
                for (int j = 0; j < d; j++)
                {
                    row[j] += aik * bRow[j];
                }
            }
        }

        return result;
    }
}
