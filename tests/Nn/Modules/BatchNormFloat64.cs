using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Modules;

/// <summary>
/// Float64 re-implementation of PyTorch's batch norm for (N, C, *) tensors, element by
/// element, as the oracle for the layers: batch statistics, the normalization and the
/// running update with the unbiased variance.
/// </summary>
internal static class BatchNormFloat64
{
    /// <summary>Returns each channel's mean and biased variance.</summary>
    public static (double[] Mean, double[] Variance) Statistics(Tensor x)
    {
        int channels = x.Shape[1];
        int spatial = x.Length / (x.Shape[0] * channels);
        var mean = new double[channels];
        var variance = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            double[] values = ChannelValues(x, c, spatial).ToArray();
            mean[c] = values.Average();
            variance[c] = values.Sum(v => (v - mean[c]) * (v - mean[c])) / values.Length;
        }

        return (mean, variance);
    }

    /// <summary>Returns weight * (x - mean) / sqrt(variance + eps) + bias per element.</summary>
    public static double[] Normalize(
        Tensor x, double[] mean, double[] variance, float[]? weight, float[]? bias, double eps)
    {
        int channels = x.Shape[1];
        int spatial = x.Length / (x.Shape[0] * channels);
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int c = i / spatial % channels;
            double normalized = (x.Data[i] - mean[c]) / Math.Sqrt(variance[c] + eps);
            y[i] = normalized * (weight?[c] ?? 1.0) + (bias?[c] ?? 0.0);
        }

        return y;
    }

    /// <summary>
    /// Applies PyTorch's running update for one training batch x in place:
    /// running = (1 - factor) * running + factor * batch, with the variance times
    /// n / (n - 1).
    /// </summary>
    public static void Update(Tensor x, double[] runningMean, double[] runningVar, double factor)
    {
        var (mean, variance) = Statistics(x);
        double count = x.Length / x.Shape[1];
        for (int c = 0; c < mean.Length; c++)
        {
            runningMean[c] = (1 - factor) * runningMean[c] + factor * mean[c];
            runningVar[c] = (1 - factor) * runningVar[c] +
                factor * variance[c] * count / (count - 1);
        }
    }

    /// <summary>Asserts |actual - expected| &lt;= absolute + relative * |expected|.</summary>
    public static void AssertClose(
        double[] expected, float[] actual, double relative = 1e-5, double absolute = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double allowed = absolute + relative * Math.Abs(expected[i]);
            Assert.True(
                Math.Abs(actual[i] - expected[i]) <= allowed,
                $"Element {i}: expected {expected[i]:G9}, got {actual[i]:G9}.");
        }
    }

    private static IEnumerable<double> ChannelValues(Tensor x, int c, int spatial)
    {
        int channels = x.Shape[1];
        for (int n = 0; n < x.Shape[0]; n++)
        {
            for (int s = 0; s < spatial; s++)
            {
                yield return x.Data[(n * channels + c) * spatial + s];
            }
        }
    }
}
