using ILGPU;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Tiled SGEMM kernel with shared memory and register blocking. Each group of 16 x 16
/// threads computes a 64 x 64 block of C, and each thread a 4 x 4 sub-block in registers.
/// The group steps through K in slices of 16 that it stages in shared memory.
/// </summary>
/// <remarks>
/// A thread owns rows ty + 16 i and columns tx + 16 j (i, j in 0..3) of its block, so that
/// neighbouring threads read neighbouring shared-memory words and write neighbouring
/// columns of C. Tiles are zero-filled beyond M, N and K, so any sizes work.
/// </remarks>
internal static class GemmKernel
{
    /// <summary>Rows of C per group.</summary>
    public const int TileM = 64;

    /// <summary>Columns of C per group.</summary>
    public const int TileN = 64;

    /// <summary>Depth of one shared-memory slice of op(A) and op(B).</summary>
    public const int TileK = 16;

    /// <summary>Threads per group along each axis.</summary>
    public const int GroupSide = 16;

    private const int GroupThreads = GroupSide * GroupSide;

    // One word of padding per tile row avoids shared-memory bank conflicts when the
    // untransposed A and the transposed B are stored in k-major order.
    private const int TileStride = TileM + 1;

    // Shapes: op(A) (M, K), op(B) (K, N), C (M, N), row-major with strides Lda, Ldb, Ldc.
    // Grid: (ceil(N / 64), ceil(M / 64)) groups of (16, 16) threads.
    [DeviceKernel(ExplicitlyGrouped = true)]
    internal static void TiledGemm(
        ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, DeviceGemmArguments p)
    {
        ArrayView<float> aTile = SharedMemory.Allocate<float>(TileK * TileStride);
        ArrayView<float> bTile = SharedMemory.Allocate<float>(TileK * TileStride);
        int tx = Group.IdxX;
        int ty = Group.IdxY;
        int thread = ty * GroupSide + tx;
        int rowBase = Grid.IdxY * TileM;
        int columnBase = Grid.IdxX * TileN;

        var c0 = new Float4(0f, 0f, 0f, 0f);
        var c1 = c0;
        var c2 = c0;
        var c3 = c0;
        for (int k0 = 0; k0 < p.K; k0 += TileK)
        {
            LoadTileA(a, p, aTile, thread, rowBase, k0);
            LoadTileB(b, p, bTile, thread, columnBase, k0);
            Group.Barrier();

            for (int kk = 0; kk < TileK; kk++)
            {
                int aIndex = kk * TileStride + ty;
                int bIndex = kk * TileStride + tx;
                var aColumn = new Float4(
                    aTile[aIndex], aTile[aIndex + GroupSide], aTile[aIndex + 2 * GroupSide],
                    aTile[aIndex + 3 * GroupSide]);
                var bRow = new Float4(
                    bTile[bIndex], bTile[bIndex + GroupSide], bTile[bIndex + 2 * GroupSide],
                    bTile[bIndex + 3 * GroupSide]);
                c0 = Float4.MultiplyAdd(c0, aColumn.X, bRow);
                c1 = Float4.MultiplyAdd(c1, aColumn.Y, bRow);
                c2 = Float4.MultiplyAdd(c2, aColumn.Z, bRow);
                c3 = Float4.MultiplyAdd(c3, aColumn.W, bRow);
            }

            Group.Barrier();
        }

        int column = columnBase + tx;
        StoreRow(c, p, rowBase + ty, column, c0);
        StoreRow(c, p, rowBase + ty + GroupSide, column, c1);
        StoreRow(c, p, rowBase + ty + 2 * GroupSide, column, c2);
        StoreRow(c, p, rowBase + ty + 3 * GroupSide, column, c3);
    }

    // Stages op(A)[rowBase.., k0..] as aTile[kk * TileStride + r]. Each thread loads 4 of
    // the 64 x 16 values, with consecutive threads on consecutive addresses of A.
    private static void LoadTileA(
        ArrayView<float> a, DeviceGemmArguments p, ArrayView<float> aTile, int thread,
        int rowBase, int k0)
    {
        for (int e = thread; e < TileM * TileK; e += GroupThreads)
        {
            int r = p.TransA ? e % TileM : e / TileK;
            int kk = p.TransA ? e / TileM : e % TileK;
            int row = rowBase + r;
            int k = k0 + kk;
            float value = 0f;
            if (row < p.M && k < p.K)
            {
                value = p.TransA ? a[(long)k * p.Lda + row] : a[(long)row * p.Lda + k];
            }

            aTile[kk * TileStride + r] = value;
        }
    }

    // Stages op(B)[k0.., columnBase..] as bTile[kk * TileStride + j], like LoadTileA.
    private static void LoadTileB(
        ArrayView<float> b, DeviceGemmArguments p, ArrayView<float> bTile, int thread,
        int columnBase, int k0)
    {
        for (int e = thread; e < TileK * TileN; e += GroupThreads)
        {
            int j = p.TransB ? e / TileK : e % TileN;
            int kk = p.TransB ? e % TileK : e / TileN;
            int column = columnBase + j;
            int k = k0 + kk;
            float value = 0f;
            if (column < p.N && k < p.K)
            {
                value = p.TransB ? b[(long)column * p.Ldb + k] : b[(long)k * p.Ldb + column];
            }

            bTile[kk * TileStride + j] = value;
        }
    }

    // Writes columns column, +16, +32 and +48 of one row of the thread's block.
    private static void StoreRow(
        ArrayView<float> c, DeviceGemmArguments p, int row, int column, Float4 sums)
    {
        if (row >= p.M)
        {
            return;
        }

        Store(c, p, row, column, sums.X);
        Store(c, p, row, column + GroupSide, sums.Y);
        Store(c, p, row, column + 2 * GroupSide, sums.Z);
        Store(c, p, row, column + 3 * GroupSide, sums.W);
    }

    /// <summary>
    /// Writes alpha sum (+ beta C) to C[row, column] when the column is inside C.
    /// </summary>
    internal static void Store(ArrayView<float> c, DeviceGemmArguments p, int row, int column,
        float sum)
    {
        if (column >= p.N)
        {
            return;
        }

        long index = (long)row * p.Ldc + column;
        c[index] = p.Beta == 0f ? p.Alpha * sum : p.Alpha * sum + p.Beta * c[index];
    }
}
