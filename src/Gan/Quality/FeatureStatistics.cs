namespace NativeGan.Gan.Quality;

/// <summary>
/// Mean and covariance, in double, of a set of feature vectors: the summary of a
/// distribution that the Frechet distance compares.
/// </summary>
public sealed class FeatureStatistics
{
    /// <summary>Creates statistics from a known mean and covariance, e.g. of a Gaussian.</summary>
    /// <param name="mean">Mean vector of length d.</param>
    /// <param name="covariance">Symmetric d x d covariance, row-major.</param>
    /// <param name="count">Number of vectors the statistics were computed from.</param>
    /// <exception cref="ArgumentException">
    /// The covariance is not d x d or not symmetric.
    /// </exception>
    public FeatureStatistics(double[] mean, double[] covariance, long count)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(covariance);
        if (mean.Length == 0 || covariance.Length != (long)mean.Length * mean.Length)
        {
            throw new ArgumentException(
                $"Covariance of length {covariance.Length} does not fit a mean of length " +
                $"{mean.Length}; pass a d x d row-major matrix for d >= 1.", nameof(covariance));
        }

        int d = mean.Length;
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                if (covariance[i * d + j] != covariance[j * d + i])
                {
                    throw new ArgumentException(
                        $"Covariance is not symmetric at ({i}, {j}): {covariance[i * d + j]:R} " +
                        $"and {covariance[j * d + i]:R}.", nameof(covariance));
                }
            }
        }

        Mean = mean;
        Covariance = covariance;
        Count = count;
    }

    /// <summary>Dimension d of the feature vectors.</summary>
    public int Dimension => Mean.Length;

    /// <summary>Mean vector, length d.</summary>
    public double[] Mean { get; }

    /// <summary>Unbiased sample covariance (divided by count - 1), d x d row-major.</summary>
    public double[] Covariance { get; }

    /// <summary>Number of feature vectors.</summary>
    public long Count { get; }

    /// <summary>
    /// Computes the statistics of <paramref name="count"/> row-major vectors of length
    /// <paramref name="dimension"/> in two passes (mean, then centered products) in double,
    /// so that a large mean costs no accuracy. The covariance divides by count - 1, as
    /// numpy.cov does.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Fewer than 2 vectors, a length that is not count x dimension, or a NaN or infinite value.
    /// </exception>
    public static FeatureStatistics Compute(ReadOnlySpan<float> features, int count, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (count < 2)
        {
            throw new ArgumentException(
                $"Feature statistics need at least 2 vectors for a covariance, got {count}.",
                nameof(count));
        }

        if (features.Length != (long)count * dimension)
        {
            throw new ArgumentException(
                $"{features.Length} feature values do not fit {count} vectors of length " +
                $"{dimension}.", nameof(features));
        }

        double[] mean = new double[dimension];
        for (int n = 0; n < count; n++)
        {
            ReadOnlySpan<float> row = features.Slice(n * dimension, dimension);
            for (int i = 0; i < dimension; i++)
            {
                if (!float.IsFinite(row[i]))
                {
                    throw new ArgumentException(
                        $"Feature {i} of vector {n} is {row[i]}; statistics need finite values.",
                        nameof(features));
                }

                mean[i] += row[i];
            }
        }

        for (int i = 0; i < dimension; i++)
        {
            mean[i] /= count;
        }

        // Upper triangle of sum (x - mean)(x - mean)^T, then mirrored.
        double[] covariance = new double[dimension * dimension];
        double[] centered = new double[dimension];
        for (int n = 0; n < count; n++)
        {
            ReadOnlySpan<float> row = features.Slice(n * dimension, dimension);
            for (int i = 0; i < dimension; i++)
            {
                centered[i] = row[i] - mean[i];
            }

            for (int i = 0; i < dimension; i++)
            {
                double ci = centered[i];
                Span<double> target = covariance.AsSpan(i * dimension, dimension);
                for (int j = i; j < dimension; j++)
                {
                    target[j] += ci * centered[j];
                }
            }
        }

        for (int i = 0; i < dimension; i++)
        {
            for (int j = i; j < dimension; j++)
            {
                double value = covariance[i * dimension + j] / (count - 1);
                covariance[i * dimension + j] = value;
                covariance[j * dimension + i] = value;
            }
        }

        return new FeatureStatistics(mean, covariance, count);
    }
}
