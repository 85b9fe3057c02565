namespace NativeGan.Tensors.Kernels;

/// <summary>
/// Blocked loops of <see cref="Gemm"/> over one rectangle of C on the calling thread, in
/// the order of Goto and van de Geijn (2008): columns in blocks of NC, depth in blocks of
/// KC (op(B) packed once per block), rows in micro-panels of MR (op(A) packed per
/// micro-panel), then NR-wide tiles.
/// </summary>
/// <remarks>
/// Every element of C is computed the same way wherever its tile lies: an FMA chain over
/// each KC block in order of k, then C = alpha * sum + beta * C for the first block and
/// C = alpha * sum + C for the others. Results are therefore bitwise independent of how C
/// is split among threads.
/// </remarks>
internal static unsafe class GemmDriver<TKernel>
    where TKernel : struct, IGemmMicrokernel
{
    /// <summary>
    /// Computes rows [rowStart, rowEnd) and columns [colStart, colEnd) of C; op.K is at
    /// least 1.
    /// </summary>
    public static void Run(in GemmOperands op, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int mr = TKernel.Mr;
        int nr = TKernel.Nr;
        int k = op.K;

        // Size the buffer for this call only, so that small products keep it small.
        int kcMax = Math.Min(TKernel.Kc, k);
        int ncMax = Math.Min(TKernel.Nc, RoundUp(colEnd - colStart, nr));
        int bLength = GemmWorkspace.RoundToAlignment(kcMax * ncMax);
        int aLength = GemmWorkspace.RoundToAlignment(kcMax * mr);
        float* bPack = GemmWorkspace.Rent(bLength + aLength + mr * nr);
        float* aPack = bPack + bLength;
        float* edgeTile = aPack + aLength;

        for (int jc = colStart; jc < colEnd; jc += TKernel.Nc)
        {
            int nc = Math.Min(TKernel.Nc, colEnd - jc);
            for (int pc = 0; pc < k; pc += TKernel.Kc)
            {
                int kc = Math.Min(TKernel.Kc, k - pc);
                float beta = pc == 0 ? op.Beta : 1f;
                GemmPacking.PackB(op, pc, kc, jc, nc, nr, bPack);
                for (int ic = rowStart; ic < rowEnd; ic += mr)
                {
                    int rows = Math.Min(mr, rowEnd - ic);
                    GemmPacking.PackA(op, ic, rows, pc, kc, mr, aPack);
                    float* cRow = op.C + ic * op.Ldc + jc;
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int cols = Math.Min(nr, nc - jr);
                        float* bPanel = bPack + (nint)jr * kc;
                        if (rows == mr && cols == nr)
                        {
                            TKernel.Run(kc, aPack, bPanel, cRow + jr, op.Ldc, op.Alpha, beta);
                        }
                        else
                        {
                            TKernel.Run(kc, aPack, bPanel, edgeTile, nr, 1f, 0f);
                            MergeEdge(edgeTile, nr, cRow + jr, op.Ldc, rows, cols, op.Alpha, beta);
                        }
                    }
                }
            }
        }
    }

    // Writes the valid rows x cols part of a padded tile to C with the same operations as
    // the microkernels' vector update: alpha * sum, plus beta * C unless beta is 0.
    private static void MergeEdge(
        float* tile, int ldTile, float* c, nint ldc, int rows, int cols, float alpha, float beta)
    {
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
