using ILGPU;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// SGEMM kernel for large products. Each group of 16 x 16 threads computes a 128 x 128
/// block of C, and each thread an 8 x 8 sub-block in registers. The group steps through K
/// in slices of 8 that it stages in shared memory.
/// </summary>
/// <remarks>
/// Against <see cref="GemmKernel"/>'s 4 x 4 sub-blocks, each thread does 64 multiply-adds
/// per 16 shared-memory reads instead of 16 per 8, so shared memory limits it less. It
/// needs four times as many elements of C per group to fill a GPU, so
/// <see cref="DeviceGemm"/> takes it only for large products. Ownership and zero-filling
/// follow <see cref="GemmKernel"/>: a thread owns rows ty + 16 i and columns tx + 16 j.
/// </remarks>
internal static class WideGemmKernel
{
    /// <summary>Rows and columns of C per group.</summary>
    public const int Tile = 128;

    /// <summary>Depth of one shared-memory slice of op(A) and op(B).</summary>
    public const int TileK = 8;

    /// <summary>Threads per group along each axis.</summary>
    public const int GroupSide = 16;

    private const int GroupThreads = GroupSide * GroupSide;

    // One word of padding per slice row, as in GemmKernel.
    private const int TileStride = Tile + 1;

    // Shapes: op(A) (M, K), op(B) (K, N), C (M, N), row-major with strides Lda, Ldb, Ldc.
    // Grid: (ceil(N / 128), ceil(M / 128)) groups of (16, 16) threads.
    [DeviceKernel(ExplicitlyGrouped = true)]
    internal static void WideTiledGemm(
        ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, DeviceGemmArguments p)
    {
        ArrayView<float> aTile = SharedMemory.Allocate<float>(TileK * TileStride);
        ArrayView<float> bTile = SharedMemory.Allocate<float>(TileK * TileStride);
        int tx = Group.IdxX;
        int ty = Group.IdxY;
        int thread = ty * GroupSide + tx;
        int rowBase = Grid.IdxY * Tile;
        int columnBase = Grid.IdxX * Tile;

        // Row i of the thread's block: its columns 0..3 in c{i}Low, 4..7 in c{i}High.
        var zero = new Float4(0f, 0f, 0f, 0f);
        Float4 c0Low = zero, c0High = zero, c1Low = zero, c1High = zero;
        Float4 c2Low = zero, c2High = zero, c3Low = zero, c3High = zero;
        Float4 c4Low = zero, c4High = zero, c5Low = zero, c5High = zero;
        Float4 c6Low = zero, c6High = zero, c7Low = zero, c7High = zero;
        for (int k0 = 0; k0 < p.K; k0 += TileK)
        {
            LoadTileA(a, p, aTile, thread, rowBase, k0);
            LoadTileB(b, p, bTile, thread, columnBase, k0);
            Group.Barrier();

            for (int kk = 0; kk < TileK; kk++)
            {
                int aIndex = kk * TileStride + ty;
                int bIndex = kk * TileStride + tx;
                Float4 aLow = Read4(aTile, aIndex);
                Float4 aHigh = Read4(aTile, aIndex + 4 * GroupSide);
                Float4 bLow = Read4(bTile, bIndex);
                Float4 bHigh = Read4(bTile, bIndex + 4 * GroupSide);
                c0Low = Float4.MultiplyAdd(c0Low, aLow.X, bLow);
                c0High = Float4.MultiplyAdd(c0High, aLow.X, bHigh);
                c1Low = Float4.MultiplyAdd(c1Low, aLow.Y, bLow);
                c1High = Float4.MultiplyAdd(c1High, aLow.Y, bHigh);
                c2Low = Float4.MultiplyAdd(c2Low, aLow.Z, bLow);
                c2High = Float4.MultiplyAdd(c2High, aLow.Z, bHigh);
                c3Low = Float4.MultiplyAdd(c3Low, aLow.W, bLow);
                c3High = Float4.MultiplyAdd(c3High, aLow.W, bHigh);
                c4Low = Float4.MultiplyAdd(c4Low, aHigh.X, bLow);
                c4High = Float4.MultiplyAdd(c4High, aHigh.X, bHigh);
                c5Low = Float4.MultiplyAdd(c5Low, aHigh.Y, bLow);
                c5High = Float4.MultiplyAdd(c5High, aHigh.Y, bHigh);
                c6Low = Float4.MultiplyAdd(c6Low, aHigh.Z, bLow);
                c6High = Float4.MultiplyAdd(c6High, aHigh.Z, bHigh);
                c7Low = Float4.MultiplyAdd(c7Low, aHigh.W, bLow);
                c7High = Float4.MultiplyAdd(c7High, aHigh.W, bHigh);
            }

            Group.Barrier();
        }

        int column = columnBase + tx;
        StoreRow(c, p, rowBase + ty, column, c0Low, c0High);
        StoreRow(c, p, rowBase + ty + GroupSide, column, c1Low, c1High);
        StoreRow(c, p, rowBase + ty + 2 * GroupSide, column, c2Low, c2High);
        StoreRow(c, p, rowBase + ty + 3 * GroupSide, column, c3Low, c3High);
        StoreRow(c, p, rowBase + ty + 4 * GroupSide, column, c4Low, c4High);
        StoreRow(c, p, rowBase + ty + 5 * GroupSide, column, c5Low, c5High);
        StoreRow(c, p, rowBase + ty + 6 * GroupSide, column, c6Low, c6High);
        StoreRow(c, p, rowBase + ty + 7 * GroupSide, column, c7Low, c7High);
    }

    // Reads tile[index + 16 i] for i = 0..3: the values of four rows (or columns) of the
    // thread's block.
    private static Float4 Read4(ArrayView<float> tile, int index) => new(
        tile[index], tile[index + GroupSide], tile[index + 2 * GroupSide],
        tile[index + 3 * GroupSide]);

    // The two loaders repeat GemmKernel's with other tile sizes on purpose: as constants,
    // the sizes let the compiler turn the divisions and remainders into shifts and masks.

    // Stages op(A)[rowBase.., k0..] as aTile[kk * TileStride + r]; 4 values per thread.
    private static void LoadTileA(
        ArrayView<float> a, DeviceGemmArguments p, ArrayView<float> aTile, int thread,
        int rowBase, int k0)
    {
        for (int e = thread; e < Tile * TileK; e += GroupThreads)
        {
            int r = p.TransA ? e % Tile : e / TileK;
            int kk = p.TransA ? e / Tile : e % TileK;
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

    // Stages op(B)[k0.., columnBase..] as bTile[kk * TileStride + j]; 4 values per thread.
    private static void LoadTileB(
        ArrayView<float> b, DeviceGemmArguments p, ArrayView<float> bTile, int thread,
        int columnBase, int k0)
    {
        for (int e = thread; e < TileK * Tile; e += GroupThreads)
        {
            int j = p.TransB ? e / TileK : e % Tile;
            int kk = p.TransB ? e % TileK : e / Tile;
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

    // Writes columns column + 16 j, j = 0..7, of one row of the thread's block.
    private static void StoreRow(
        ArrayView<float> c, DeviceGemmArguments p, int row, int column, Float4 low,
        Float4 high)
    {
        if (row >= p.M)
        {
            return;
        }

        GemmKernel.Store(c, p, row, column, low.X);
        GemmKernel.Store(c, p, row, column + GroupSide, low.Y);
        GemmKernel.Store(c, p, row, column + 2 * GroupSide, low.Z);
        GemmKernel.Store(c, p, row, column + 3 * GroupSide, low.W);
        GemmKernel.Store(c, p, row, column + 4 * GroupSide, high.X);
        GemmKernel.Store(c, p, row, column + 5 * GroupSide, high.Y);
        GemmKernel.Store(c, p, row, column + 6 * GroupSide, high.Z);
        GemmKernel.Store(c, p, row, column + 7 * GroupSide, high.W);
    }
}
