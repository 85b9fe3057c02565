namespace NativeGan.Gan.Reports;

/// <summary>Centered moving average that smooths per-step curves for plotting.</summary>
internal static class MovingAverage
{
    /// <summary>
    /// Returns the window length for <paramref name="count"/> points: 1% of them, rounded,
    /// and at least 1.
    /// </summary>
    public static int WindowFor(int count) => Math.Max(1, (int)Math.Round(count / 100.0));

    /// <summary>
    /// Returns, for each point i, the mean of the finite values among
    /// <paramref name="values"/>[i - (window - 1) / 2 .. i + window / 2]. The window is cut
    /// short at both ends of the series, so the curve has no lag and no startup ramp. A point
    /// whose window contains no finite value is NaN.
    /// </summary>
    public static double[] Compute(ReadOnlySpan<double> values, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        int before = (window - 1) / 2;
        int after = window / 2;
        var result = new double[values.Length];

        // Running sum over [low, high) of finite values, updated as the window slides.
        double sum = 0;
        int finite = 0;
        int low = 0;
        int high = 0;
        for (int i = 0; i < values.Length; i++)
        {
            int end = Math.Min(values.Length, i + after + 1);
            for (; high < end; high++)
            {
                if (double.IsFinite(values[high]))
                {
                    sum += values[high];
                    finite++;
                }
            }

            int start = Math.Max(0, i - before);
            for (; low < start; low++)
            {
                if (double.IsFinite(values[low]))
                {
                    sum -= values[low];
                    finite--;
                }
            }

            result[i] = finite == 0 ? double.NaN : sum / finite;
        }

        return result;
    }
}
