namespace NativeGan.Tensors.Convolution;

/// <summary>
/// Copies between the NCHW output planes of a group of samples and the matrix that one GEMM
/// over the whole group reads or writes. The matrix is (OutChannels, count OutHeight
/// OutWidth), with column b OutHeight OutWidth + pixel for sample b of the group.
/// </summary>
internal static class OutputStaging
{
    /// <summary>
    /// Copies samples [firstSample, firstSample + count) of <paramref name="planes"/>, of
    /// shape <see cref="Conv2dGeometry.OutputShape"/>, into the matrix <paramref name="staged"/>.
    /// </summary>
    public static void Stage(
        in Conv2dGeometry g, float[] planes, int firstSample, int count, float[] staged)
    {
        var job = new Job(g.OutChannels, g.OutPlaneSize, planes, firstSample, count, staged);
        ParallelWork.For(count * g.OutChannels, g.OutPlaneSize, job, static (job, start, end) =>
        {
            for (int item = start; item < end; item++)
            {
                job.Plane(item).CopyTo(job.Block(item));
            }
        });
    }

    /// <summary>
    /// Copies the matrix <paramref name="staged"/> back into samples
    /// [firstSample, firstSample + count) of <paramref name="planes"/>.
    /// </summary>
    public static void Unstage(
        in Conv2dGeometry g, float[] staged, int firstSample, int count, float[] planes)
    {
        var job = new Job(g.OutChannels, g.OutPlaneSize, planes, firstSample, count, staged);
        ParallelWork.For(count * g.OutChannels, g.OutPlaneSize, job, static (job, start, end) =>
        {
            for (int item = start; item < end; item++)
            {
                job.Block(item).CopyTo(job.Plane(item));
            }
        });
    }

    // Item b * channels + c is plane c of sample firstSample + b.
    private readonly record struct Job(
        int Channels, int PlaneSize, float[] Planes, int FirstSample, int Count, float[] Staged)
    {
        public Span<float> Plane(int item)
        {
            int b = item / Channels;
            int c = item % Channels;
            return Planes.AsSpan(((FirstSample + b) * Channels + c) * PlaneSize, PlaneSize);
        }

        public Span<float> Block(int item)
        {
            int b = item / Channels;
            int c = item % Channels;
            return Staged.AsSpan((c * Count + b) * PlaneSize, PlaneSize);
        }
    }
}
