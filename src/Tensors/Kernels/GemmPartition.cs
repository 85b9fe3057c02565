namespace NativeGan.Tensors.Kernels;

/// <summary>
/// Division of C among threads: contiguous ranges of whole tiles along either the columns
/// or the rows, one range per thread.
/// </summary>
/// <param name="Threads">Number of threads, at least 1.</param>
/// <param name="SplitColumns">Whether the ranges run along columns (else rows).</param>
/// <param name="Extent">Length of the split dimension: n for columns, m for rows.</param>
/// <param name="Tile">Granularity of the ranges: NR for columns, MR for rows.</param>
internal readonly record struct GemmPartition(
    int Threads, bool SplitColumns, int Extent, int Tile)
{
    /// <summary>
    /// Minimum floating-point operations (2 m n k) per thread before a call uses another
    /// thread: about 20 microseconds of work on one core at 100 GFLOP/s, several times
    /// what waking a thread-pool thread costs.
    /// </summary>
    public const long MinFlopsPerThread = 2_000_000;

    /// <summary>Plans the threads and split for an m x n x k product.</summary>
    public static GemmPartition Plan(int m, int n, int k, int mr, int nr, int maxThreads)
    {
        int rowTiles = CeilDiv(m, mr);
        int colTiles = CeilDiv(n, nr);

        // Splitting columns makes every thread pack all of op(A) (m x k values) and
        // splitting rows all of op(B) (k x n), so duplicate the smaller. Take the other
        // dimension when the preferred one has too few tiles for the threads.
        bool splitColumns = m <= n;
        int tiles = splitColumns ? colTiles : rowTiles;
        int otherTiles = splitColumns ? rowTiles : colTiles;
        if (tiles < Math.Min(maxThreads, otherTiles))
        {
            splitColumns = !splitColumns;
            tiles = otherTiles;
        }

        long flops = 2L * m * n * k;
        long byWork = Math.Max(1, flops / MinFlopsPerThread);
        int threads = (int)Math.Min(Math.Min(maxThreads, byWork), Math.Max(1, tiles));
        return splitColumns
            ? new GemmPartition(threads, true, n, nr)
            : new GemmPartition(threads, false, m, mr);
    }

    /// <summary>Returns the range [Start, End) of the split dimension for one thread.</summary>
    public (int Start, int End) Range(int part)
    {
        long tiles = CeilDiv(Extent, Tile);
        int start = (int)(tiles * part / Threads) * Tile;
        int end = (int)(tiles * (part + 1) / Threads) * Tile;
        return (start, Math.Min(end, Extent));
    }

    private static int CeilDiv(int value, int divisor) => (value + divisor - 1) / divisor;
}
