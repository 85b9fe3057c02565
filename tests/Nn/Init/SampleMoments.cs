namespace NativeGan.Nn.Tests.Init;

/// <summary>
/// Checks the sample mean and standard deviation of many draws against the distribution's
/// values, within 5 standard errors derived from the sample size.
/// </summary>
public static class SampleMoments
{
    /// <summary>Kurtosis E[(x - mean)^4] / std^4 of a normal distribution.</summary>
    public const double NormalKurtosis = 3.0;

    /// <summary>Kurtosis of a uniform distribution.</summary>
    public const double UniformKurtosis = 9.0 / 5.0;

    /// <summary>
    /// Asserts that <paramref name="values"/> have mean <paramref name="mean"/> and standard
    /// deviation <paramref name="std"/> up to 5 standard errors. The standard error of the
    /// mean is std / sqrt(n). The standard error of the sample standard deviation is, to
    /// first order, std * sqrt((kurtosis - 1) / (4 n)).
    /// </summary>
    public static void AssertMatch(float[] values, double mean, double std, double kurtosis)
    {
        double n = values.Length;
        double sampleMean = values.Sum(v => (double)v) / n;
        double sampleVariance = values.Sum(v => (v - sampleMean) * (v - sampleMean)) / (n - 1);
        double sampleStd = Math.Sqrt(sampleVariance);

        double meanTolerance = 5.0 * std / Math.Sqrt(n);
        double stdTolerance = 5.0 * std * Math.Sqrt((kurtosis - 1.0) / (4.0 * n));
        Assert.InRange(sampleMean, mean - meanTolerance, mean + meanTolerance);
        Assert.InRange(sampleStd, std - stdTolerance, std + stdTolerance);
    }
}
