namespace NativeGan.Tensors.Convolution;

/// <summary>
/// Splits independent items into contiguous ranges, one per thread, on up to
/// <see cref="ComputeThreads.Max"/> threads. Each item must write only its own outputs, so
/// results do not depend on the number of threads.
/// </summary>
internal static class ParallelWork
{
    /// <summary>
    /// Minimum floats read or written per thread before another thread is used: about
    /// 10 microseconds of copying, several times what waking a thread-pool thread costs.
    /// </summary>
    public const long MinElementsPerThread = 1 << 15;

    /// <summary>
    /// Runs <paramref name="body"/>(state, start, end) over ranges that cover
    /// [0, <paramref name="items"/>). Pass a static lambda so that the single-threaded path
    /// allocates nothing.
    /// </summary>
    /// <param name="items">Number of items.</param>
    /// <param name="elementsPerItem">Floats that one item reads or writes.</param>
    /// <param name="state">Arguments of the body.</param>
    /// <param name="body">Work on items [start, end).</param>
    public static void For<TState>(
        int items, long elementsPerItem, TState state, Action<TState, int, int> body)
    {
        long byWork = Math.Max(1, items * elementsPerItem / MinElementsPerThread);
        int threads = (int)Math.Min(Math.Min(ComputeThreads.Max, items), byWork);
        if (threads <= 1)
        {
            body(state, 0, items);
            return;
        }

        // NOTE: Parallel.For allocates a few small objects per call, like the GEMM's.
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, threads, options, part =>
        {
            int start = (int)((long)items * part / threads);
            int end = (int)((long)items * (part + 1) / threads);
            body(state, start, end);
        });
    }
}
