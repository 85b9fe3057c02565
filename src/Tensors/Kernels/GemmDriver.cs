namespace NativeGan.Tensors.Kernels;

/// <summary>
/// Blocked loops of <see cref="Gemm"/> over one rectangle of C on the calling thread: depth
/// in blocks of KC, rows in blocks of MC (op(A) packed once per block), columns in blocks
/// of NC (op(B) packed once per block), then rows of MR and columns of NR in the tiles.
/// </summary>
/// <remarks>
/// <para>
/// Compared with the loop order of Goto and van de Geijn (2008), the column blocks run
/// inside the row blocks. A packed block of op(A) is thus reused across all column blocks,
/// which matters because packing op(A) is a transpose when A is not transposed. The tile
/// columns run innermost, so one micro-panel of op(A) stays in L1 while the block of op(B)
/// streams from L2.
/// </para>
/// <para>
/// Every element of C is computed the same way wherever its tile lies: an FMA chain over
/// each KC block in order of k, then C = alpha * sum + beta * C for the first block and
/// C = alpha * sum + C for the others. Results are therefore bitwise independent of how C
/// is split among threads.
/// </para>
/// </remarks>
internal static unsafe class GemmDriver<TKernel>
    where TKernel : struct, IGemmMicrokernel
{
    /// <summary>
    /// Computes rows [rowStart, rowEnd) and columns [colStart, colEnd) of C. The depth
    /// op.K must be at least 1.
    /// </summary>
    public static void Run(in GemmOperands op, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int mr = TKernel.Mr;
        int k = op.K;

        // Size the buffer for this call only, so that small products keep it small.
        int kcMax = Math.Min(TKernel.Kc, k);
        int mcMax = Math.Min(TKernel.Mc, RoundUp(rowEnd - rowStart, mr));
        int ncMax = Math.Min(TKernel.Nc, RoundUp(colEnd - colStart, TKernel.Nr));
        int aLength = GemmWorkspace.RoundToAlignment(mcMax * kcMax);
        int bLength = GemmWorkspace.RoundToAlignment(kcMax * ncMax);
        float* aPack = GemmWorkspace.Rent(aLength + bLength + mr * TKernel.Nr);
        float* bPack = aPack + aLength;
        float* edgeTile = bPack + bLength;

        for (int pc = 0; pc < k; pc += TKernel.Kc)
        {
            int kc = Math.Min(TKernel.Kc, k - pc);
            float beta = pc == 0 ? op.Beta : 1f;
            for (int ic = rowStart; ic < rowEnd; ic += TKernel.Mc)
            {
                int mc = Math.Min(TKernel.Mc, rowEnd - ic);
                for (int ir = 0; ir < mc; ir += mr)
                {
                    int rows = Math.Min(mr, mc - ir);
                    GemmPacking.PackA(op, ic + ir, rows, pc, kc, mr, aPack + (nint)ir * kc);
                }

                for (int jc = colStart; jc < colEnd; jc += TKernel.Nc)
                {
                    int nc = Math.Min(TKernel.Nc, colEnd - jc);
                    GemmPacking.PackB(op, pc, kc, jc, nc, TKernel.Nr, bPack);
                    var block = new Block(ic, mc, jc, nc, kc, beta);
                    MultiplyBlock(op, block, aPack, bPack, edgeTile);
                }
            }
        }
    }

    // Rows [Row, Row + Rows) and columns [Column, Column + Columns) of C at one depth block.
    private readonly record struct Block(
        int Row, int Rows, int Column, int Columns, int Depth, float Beta);

    // Runs the microkernel over the MR x NR tiles of one block from packed operands.
    private static void MultiplyBlock(
        in GemmOperands op, Block block, float* aPack, float* bPack, float* edgeTile)
    {
        int mr = TKernel.Mr;
        int nr = TKernel.Nr;
        int kc = block.Depth;
        var scale = new GemmTileScale(op.Alpha, block.Beta);
        var unscaled = new GemmTileScale(1f, 0f);
        for (int ir = 0; ir < block.Rows; ir += mr)
        {
            int rows = Math.Min(mr, block.Rows - ir);
            float* aPanel = aPack + (nint)ir * kc;
            float* cRow = op.C + (block.Row + ir) * op.Ldc + block.Column;
            for (int jr = 0; jr < block.Columns; jr += nr)
            {
                int cols = Math.Min(nr, block.Columns - jr);
                float* bPanel = bPack + (nint)jr * kc;
                if (rows == mr && cols == nr)
                {
                    TKernel.Run(kc, aPanel, bPanel, cRow + jr, op.Ldc, scale);
                }
                else
                {
                    TKernel.Run(kc, aPanel, bPanel, edgeTile, nr, unscaled);
                    MergeEdge(edgeTile, nr, cRow + jr, op.Ldc, rows, cols, scale);
                }
            }
        }
    }

    // Writes the valid rows x cols part of a padded tile to C with the same operations as
    // the microkernels' vector update: alpha * sum, plus beta * C unless beta is 0.
    private static void MergeEdge(
        float* tile, int ldTile, float* c, nint ldc, int rows, int cols, in GemmTileScale scale)
    {
        float alpha = scale.Alpha;
        float beta = scale.Beta;
        for (int i = 0; i < rows; i++)
        {
            float* source = tile + i * ldTile;
            float* target = c + i * ldc;
            for (int j = 0; j < cols; j++)
            {
                float scaled = alpha * source[j];
                target[j] = beta == 0f ? scaled : scaled + beta * target[j];
            }
        }
    }

    private static int RoundUp(int value, int multiple) =>
        (value + multiple - 1) / multiple * multiple;
}
