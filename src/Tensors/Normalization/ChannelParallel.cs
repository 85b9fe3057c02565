namespace NativeGan.Tensors.Normalization;

/// <summary>
/// Splits independent channels (or pooling planes) into contiguous ranges, one per thread,
/// for kernels whose per-channel results do not depend on how the channels are split.
/// </summary>
internal static class ChannelParallel
{
    /// <summary>
    /// Minimum number of elements per thread before a call uses another thread. By estimate
    /// this is 10 to 30 microseconds of memory-bound work, several times what waking a pool
    /// thread costs.
    /// </summary>
    public const long MinElementsPerThread = 32_768;

    /// <summary>
    /// Runs <paramref name="body"/>(start, end) over [0, count) on up to
    /// <paramref name="maxThreads"/> threads, each taking a contiguous range of channels.
    /// <paramref name="elementsPerChannel"/> sizes the work, to keep small calls on the
    /// calling thread.
    /// </summary>
    public static void For(
        int count, long elementsPerChannel, int maxThreads, Action<int, int> body)
    {
        if (count == 0)
        {
            return;
        }

        long work = count * Math.Max(elementsPerChannel, 1);
        long byWork = Math.Max(1, work / MinElementsPerThread);
        int threads = (int)Math.Min(Math.Min(maxThreads, byWork), count);
        if (threads <= 1)
        {
            body(0, count);
            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, threads, options, part =>
        {
            int start = (int)((long)count * part / threads);
            int end = (int)((long)count * (part + 1) / threads);
            body(start, end);
        });
    }
}
