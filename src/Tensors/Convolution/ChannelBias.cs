using System.Numerics.Tensors;

namespace NativeGan.Tensors.Convolution;

/// <summary>
/// Per-channel bias of convolution layers on NCHW data: the forward addition and its
/// gradient, the sum over samples and pixels.
/// </summary>
public static class ChannelBias
{
    /// <summary>
    /// Adds bias[c] to every pixel of channel c. data: (batch, channels, planeSize) flat;
    /// bias: (channels).
    /// </summary>
    /// <exception cref="ArgumentException">An array does not match the sizes.</exception>
    public static void Add(float[] data, int batch, int channels, int planeSize, float[] bias)
    {
        Validate(data, batch, channels, planeSize, bias, nameof(bias));
        var job = new Job(data, channels, planeSize, bias);
        ParallelWork.For(batch * channels, planeSize, job, static (job, start, end) =>
        {
            for (int item = start; item < end; item++)
            {
                Span<float> plane = job.Data.AsSpan(item * job.PlaneSize, job.PlaneSize);
                TensorPrimitives.Add(plane, job.Bias[item % job.Channels], plane);
            }
        });
    }

    /// <summary>
    /// Overwrites dBias[c] with the sum of gradient over samples and pixels of channel c.
    /// gradient: (batch, channels, planeSize) flat; dBias: (channels).
    /// </summary>
    /// <remarks>
    /// Each plane is summed in float32 and the planes of a channel in float64, in order of the
    /// sample, so the result does not depend on the number of threads.
    /// </remarks>
    /// <exception cref="ArgumentException">An array does not match the sizes.</exception>
    public static void Sum(float[] gradient, int batch, int channels, int planeSize, float[] dBias)
    {
        Validate(gradient, batch, channels, planeSize, dBias, nameof(dBias));
        var job = new Job(gradient, channels, planeSize, dBias);
        ParallelWork.For(channels, (long)batch * planeSize, job, static (job, start, end) =>
        {
            int batchSize = job.Data.Length / (job.Channels * job.PlaneSize);
            for (int c = start; c < end; c++)
            {
                double sum = 0;
                for (int n = 0; n < batchSize; n++)
                {
                    int offset = (n * job.Channels + c) * job.PlaneSize;
                    sum += TensorPrimitives.Sum(job.Data.AsSpan(offset, job.PlaneSize));
                }

                job.Bias[c] = (float)sum;
            }
        });
    }

    private static void Validate(
        float[] data, int batch, int channels, int planeSize, float[] bias, string biasName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(bias);
        if (channels < 1 || planeSize < 1 || batch < 0 ||
            data.Length != (long)batch * channels * planeSize)
        {
            throw new ArgumentException(
                $"ChannelBias: data of length {data.Length} does not hold {batch} samples of " +
                $"{channels} channels of {planeSize} pixels.", nameof(data));
        }

        if (bias.Length != channels)
        {
            throw new ArgumentException(
                $"ChannelBias: {biasName} has length {bias.Length}, expected {channels}, one " +
                "value per channel.", biasName);
        }
    }

    private readonly record struct Job(float[] Data, int Channels, int PlaneSize, float[] Bias);
}
