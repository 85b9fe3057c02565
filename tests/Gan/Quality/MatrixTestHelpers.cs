using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Quality;

/// <summary>Square row-major matrices in double for the eigen and Frechet distance tests.</summary>
internal static class MatrixTestHelpers
{
    /// <summary>
    /// Returns a random symmetric positive semi-definite n x n matrix X^T X / rows.
    /// </summary>
    public static double[] RandomCovariance(Rng rng, int n, int rows)
    {
        var x = new double[rows * n];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = rng.NextDouble() * 2 - 1;
        }

        var result = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int r = 0; r < rows; r++)
                {
                    sum += x[r * n + i] * x[r * n + j];
                }

                result[i * n + j] = sum / rows;
            }
        }

        return result;
    }

    /// <summary>
    /// Returns a random orthogonal n x n matrix from Gram-Schmidt on random columns.
    /// </summary>
    public static double[] RandomOrthogonal(Rng rng, int n)
    {
        var q = new double[n * n];
        for (int column = 0; column < n; column++)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++)
            {
                v[i] = rng.NextDouble() * 2 - 1;
            }

            // Modified Gram-Schmidt, twice for orthogonality to working precision.
            for (int pass = 0; pass < 2; pass++)
            {
                for (int previous = 0; previous < column; previous++)
                {
                    double dot = 0;
                    for (int i = 0; i < n; i++)
                    {
                        dot += q[i * n + previous] * v[i];
                    }

                    for (int i = 0; i < n; i++)
                    {
                        v[i] -= dot * q[i * n + previous];
                    }
                }
            }

            double norm = Math.Sqrt(v.Sum(value => value * value));
            for (int i = 0; i < n; i++)
            {
                q[i * n + column] = v[i] / norm;
            }
        }

        return q;
    }

    /// <summary>Returns Q diag(values) Q^T.</summary>
    public static double[] WithEigenvalues(double[] q, double[] values)
    {
        int n = values.Length;
        var result = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    sum += q[i * n + k] * values[k] * q[j * n + k];
                }

                result[i * n + j] = sum;
            }
        }

        Symmetrize(result, n);
        return result;
    }

    /// <summary>Returns the matrix product a b.</summary>
    public static double[] Multiply(double[] a, double[] b, int n)
    {
        var result = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    sum += a[i * n + k] * b[k * n + j];
                }

                result[i * n + j] = sum;
            }
        }

        return result;
    }

    /// <summary>Returns the diagonal matrix of <paramref name="values"/>.</summary>
    public static double[] Diagonal(params double[] values)
    {
        int n = values.Length;
        var result = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            result[i * n + i] = values[i];
        }

        return result;
    }

    /// <summary>Returns the largest |a - b| over all entries.</summary>
    public static double MaxDifference(double[] a, double[] b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }

    /// <summary>
    /// Replaces the matrix by (A + A^T) / 2, which makes rounded products exactly symmetric.
    /// </summary>
    public static void Symmetrize(double[] a, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double mean = 0.5 * (a[i * n + j] + a[j * n + i]);
                a[i * n + j] = mean;
                a[j * n + i] = mean;
            }
        }
    }
}
