namespace NativeGan.Gan.Quality;

/// <summary>
/// Eigenvalues and eigenvectors of a real symmetric matrix: A = V diag(Values) V^T.
/// </summary>
/// <param name="Values">Eigenvalues in ascending order.</param>
/// <param name="Vectors">
/// Orthonormal eigenvectors, n x n row-major: column k belongs to Values[k].
/// </param>
public sealed record SymmetricEigen(double[] Values, double[] Vectors)
{
    // Rotations stop when the off-diagonal Frobenius norm falls below this share of the
    // matrix's Frobenius norm: a few units of double rounding for the sizes used here.
    private const double RelativeTolerance = 1e-15;

    // Cyclic Jacobi converges quadratically once the off-diagonal part is small, so a few
    // sweeps suffice and this limit only guards against an endless loop.
    private const int MaxSweeps = 100;

    /// <summary>Size n of the decomposed n x n matrix.</summary>
    public int Size => Values.Length;

    /// <summary>
    /// Decomposes the symmetric n x n row-major <paramref name="matrix"/> with the cyclic
    /// Jacobi method in double: sweeps of plane rotations, each zeroing one off-diagonal
    /// entry, until the off-diagonal part is negligible. Eigenvalues are accurate to a few
    /// units of rounding relative to the matrix norm. Cost: about 6 n^3 flops per sweep.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The length is not n^2, the matrix is not symmetric, or it has a NaN or infinite entry.
    /// </exception>
    public static SymmetricEigen Decompose(ReadOnlySpan<double> matrix, int n)
    {
        CheckSymmetric(matrix, n);
        double[] a = matrix.ToArray();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            v[i * n + i] = 1;
        }

        double norm = Math.Sqrt(SumOfSquares(a, n, offDiagonalOnly: false));
        for (int sweep = 0; ; sweep++)
        {
            double offDiagonal = Math.Sqrt(SumOfSquares(a, n, offDiagonalOnly: true));
            if (offDiagonal <= RelativeTolerance * norm)
            {
                break;
            }

            if (sweep == MaxSweeps)
            {
                throw new InvalidOperationException(
                    $"Jacobi eigen-decomposition of a {n} x {n} matrix did not converge in " +
                    $"{MaxSweeps} sweeps (off-diagonal norm {offDiagonal:G3} of {norm:G3}).");
            }

            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    Rotate(a, v, n, p, q);
                }
            }
        }

        return Sorted(a, v, n);
    }

    // Zeroes a[p, q] with the rotation J = [[c, s], [-s, c]] in the (p, q) plane:
    // A <- J^T A J and V <- V J.
    private static void Rotate(double[] a, double[] v, int n, int p, int q)
    {
        double apq = a[p * n + q];
        if (apq == 0)
        {
            return;
        }

        double app = a[p * n + p];
        double aqq = a[q * n + q];
        double tau = (aqq - app) / (2 * apq);

        // t = tan(theta), the root of t^2 + 2 tau t - 1 = 0 of smaller magnitude, so that
        // |theta| <= pi / 4; 1 / (2 tau) when tau^2 would overflow.
        double t;
        if (tau == 0)
        {
            t = 1;
        }
        else if (Math.Abs(tau) > 1e150)
        {
            t = 1 / (2 * tau);
        }
        else
        {
            t = Math.Sign(tau) / (Math.Abs(tau) + Math.Sqrt(1 + tau * tau));
        }

        double c = 1 / Math.Sqrt(1 + t * t);
        double s = t * c;

        a[p * n + p] = app - t * apq;
        a[q * n + q] = aqq + t * apq;
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (int k = 0; k < n; k++)
        {
            if (k != p && k != q)
            {
                double akp = a[k * n + p];
                double akq = a[k * n + q];
                double newKp = c * akp - s * akq;
                double newKq = s * akp + c * akq;
                a[k * n + p] = newKp;
                a[p * n + k] = newKp;
                a[k * n + q] = newKq;
                a[q * n + k] = newKq;
            }

            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }

    private static SymmetricEigen Sorted(double[] a, double[] v, int n)
    {
        int[] order = Enumerable.Range(0, n).OrderBy(i => a[i * n + i]).ToArray();
        double[] values = order.Select(i => a[i * n + i]).ToArray();
        double[] vectors = new double[n * n];
        for (int column = 0; column < n; column++)
        {
            for (int row = 0; row < n; row++)
            {
                vectors[row * n + column] = v[row * n + order[column]];
            }
        }

        return new SymmetricEigen(values, vectors);
    }

    private static double SumOfSquares(double[] a, int n, bool offDiagonalOnly)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (!offDiagonalOnly || i != j)
                {
                    sum += a[i * n + j] * a[i * n + j];
                }
            }
        }

        return sum;
    }

    private static void CheckSymmetric(ReadOnlySpan<double> matrix, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        if (matrix.Length != (long)n * n)
        {
            throw new ArgumentException(
                $"Matrix of length {matrix.Length} is not {n} x {n}; pass n^2 = {(long)n * n} " +
                "values in row-major order.", nameof(matrix));
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                double upper = matrix[i * n + j];
                double lower = matrix[j * n + i];
                if (!double.IsFinite(upper))
                {
                    throw new ArgumentException(
                        $"Matrix entry ({i}, {j}) is {upper}; every entry must be finite.",
                        nameof(matrix));
                }

                // Exact symmetry: every matrix built here is symmetric by construction.
                if (upper != lower)
                {
                    throw new ArgumentException(
                        $"Matrix is not symmetric: entry ({i}, {j}) is {upper:R} but ({j}, {i}) " +
                        $"is {lower:R}. Symmetrize it as (A + A^T) / 2 first.", nameof(matrix));
                }
            }
        }
    }
}
