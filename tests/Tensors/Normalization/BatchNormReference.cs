namespace NativeGan.Tensors.Tests.Normalization;

/// <summary>
/// Naive float64 batch normalization over (N, C, S) data, element by element with
/// explicit indices, as the oracle for the kernels.
/// </summary>
internal static class BatchNormReference
{
    /// <summary>Returns each channel's mean and biased variance, in two passes.</summary>
    public static (double[] Mean, double[] Variance) Statistics(
        float[] x, int batch, int channels, int spatial)
    {
        var mean = new double[channels];
        var variance = new double[channels];
        double count = (double)batch * spatial;
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            foreach (int i in ChannelIndices(batch, channels, spatial, c))
            {
                sum += x[i];
            }

            mean[c] = sum / count;
            double squares = 0;
            foreach (int i in ChannelIndices(batch, channels, spatial, c))
            {
                squares += (x[i] - mean[c]) * (x[i] - mean[c]);
            }

            variance[c] = squares / count;
        }

        return (mean, variance);
    }

    /// <summary>Returns y = w (x - mean) / sqrt(var + eps) + b; null w means 1, null b 0.</summary>
    public static double[] Forward(
        float[] x, int batch, int channels, int spatial, double[] mean, double[] variance,
        float[]? weight, float[]? bias, double eps)
    {
        var y = new double[x.Length];
        for (int c = 0; c < channels; c++)
        {
            double invStd = 1.0 / Math.Sqrt(variance[c] + eps);
            foreach (int i in ChannelIndices(batch, channels, spatial, c))
            {
                double normalized = (x[i] - mean[c]) * invStd;
                y[i] = normalized * (weight?[c] ?? 1.0) + (bias?[c] ?? 0.0);
            }
        }

        return y;
    }

    /// <summary>
    /// Returns dX, dWeight and dBias. With batch statistics, mean and variance are
    /// functions of x and the gradient flows through them too.
    /// </summary>
    public static (double[] DX, double[] DWeight, double[] DBias) Backward(
        float[] x, float[] dY, int batch, int channels, int spatial, double[] mean,
        double[] variance, float[]? weight, double eps, bool batchStatistics)
    {
        var dX = new double[x.Length];
        var dWeight = new double[channels];
        var dBias = new double[channels];
        double count = (double)batch * spatial;
        for (int c = 0; c < channels; c++)
        {
            double invStd = 1.0 / Math.Sqrt(variance[c] + eps);
            double w = weight?[c] ?? 1.0;
            double sumDy = 0;
            double sumDyXHat = 0;
            foreach (int i in ChannelIndices(batch, channels, spatial, c))
            {
                double xHat = (x[i] - mean[c]) * invStd;
                sumDy += dY[i];
                sumDyXHat += dY[i] * xHat;
            }

            dBias[c] = sumDy;
            dWeight[c] = sumDyXHat;
            foreach (int i in ChannelIndices(batch, channels, spatial, c))
            {
                double xHat = (x[i] - mean[c]) * invStd;
                dX[i] = batchStatistics
                    ? w * invStd * (dY[i] - sumDy / count - xHat * sumDyXHat / count)
                    : w * invStd * dY[i];
            }
        }

        return (dX, dWeight, dBias);
    }

    /// <summary>Lists the flat indices of channel c's values.</summary>
    public static IEnumerable<int> ChannelIndices(int batch, int channels, int spatial, int c)
    {
        for (int n = 0; n < batch; n++)
        {
            for (int s = 0; s < spatial; s++)
            {
                yield return (n * channels + c) * spatial + s;
            }
        }
    }
}
