using System.Numerics.Tensors;
using NativeGan.Tensors.Kernels;

namespace NativeGan.Tensors.Convolution;

/// <summary>
/// Convolutions whose kernel covers the whole unpadded input
/// (<see cref="Conv2dGeometry.CoversWholeInput"/>), such as Conv2d(128, 1, 7) on 7 x 7 or
/// ConvTranspose2d(100, 256, 7) from 1 x 1. Each sample is then one row of a matrix product
/// with the weight, so no im2row copy is needed.
/// </summary>
/// <remarks>
/// With K = <see cref="Conv2dGeometry.ReceptiveFieldSize"/>: forward Y (N, Cout) = X (N, K)
/// W^T, input gradient dX = dY W, weight gradient dW = dY^T X. A single output channel
/// makes these a matrix-vector product, a scaled copy and a sum of rows, which run here
/// directly because the GEMM pads the one row or column to a full tile. For
/// Conv2d(128, 1, 7) at batch 128 on one Zen 4 core, the direct forward pass and weight
/// gradient took 0.07 ms against 0.68 and 0.21 ms through the GEMM.
/// </remarks>
internal static class WholeInputConvolution
{
    // Columns of dW per work item in the single-channel weight gradient; fixed, so that the
    // split does not depend on the number of threads.
    private const int WeightChunk = 1024;

    /// <summary>Overwrites y (N, Cout) with x (N, K) W^T.</summary>
    public static void Forward(in Conv2dGeometry g, float[] x, float[] weight, float[] y)
    {
        int k = g.ReceptiveFieldSize;
        if (g.OutChannels > 1)
        {
            Gemm.Multiply(false, true, g.Batch, g.OutChannels, k, 1f, x, k, weight, k, 0f, y,
                g.OutChannels);
            return;
        }

        var job = new Job(x, weight, y, k);
        ParallelWork.For(g.Batch, k, job, static (job, start, end) =>
        {
            ReadOnlySpan<float> w = job.Weight.AsSpan(0, job.K);
            for (int n = start; n < end; n++)
            {
                job.Output[n] = TensorPrimitives.Dot(job.Input.AsSpan(n * job.K, job.K), w);
            }
        });
    }

    /// <summary>Overwrites dX (N, K) with dY (N, Cout) W.</summary>
    public static void BackwardInput(in Conv2dGeometry g, float[] dY, float[] weight, float[] dX)
    {
        int k = g.ReceptiveFieldSize;
        if (g.OutChannels > 1)
        {
            Gemm.Multiply(false, false, g.Batch, k, g.OutChannels, 1f, dY, g.OutChannels,
                weight, k, 0f, dX, k);
            return;
        }

        var job = new Job(dX, weight, dY, k);
        ParallelWork.For(g.Batch, k, job, static (job, start, end) =>
        {
            ReadOnlySpan<float> w = job.Weight.AsSpan(0, job.K);
            for (int n = start; n < end; n++)
            {
                TensorPrimitives.Multiply(w, job.Output[n], job.Input.AsSpan(n * job.K, job.K));
            }
        });
    }

    /// <summary>Overwrites dW (Cout, K) with dY^T (Cout, N) x (N, K).</summary>
    public static void BackwardWeight(in Conv2dGeometry g, float[] x, float[] dY, float[] dW)
    {
        int k = g.ReceptiveFieldSize;
        if (g.OutChannels > 1)
        {
            Gemm.Multiply(true, false, g.OutChannels, k, g.Batch, 1f, dY, g.OutChannels,
                x, k, 0f, dW, k);
            return;
        }

        // Each chunk of dW sums its columns of the rows of x, weighted by dY, in sample order.
        var job = new Job(x, dW, dY, k);
        int chunks = (k + WeightChunk - 1) / WeightChunk;
        ParallelWork.For(chunks, (long)g.Batch * WeightChunk, job, static (job, start, end) =>
        {
            int batch = job.Output.Length;
            for (int chunk = start; chunk < end; chunk++)
            {
                int offset = chunk * WeightChunk;
                int length = Math.Min(WeightChunk, job.K - offset);
                Span<float> sum = job.Weight.AsSpan(offset, length);
                sum.Clear();
                for (int n = 0; n < batch; n++)
                {
                    ReadOnlySpan<float> row = job.Input.AsSpan(n * job.K + offset, length);
                    TensorPrimitives.MultiplyAdd(row, job.Output[n], sum, sum);
                }
            }
        });
    }

    // Input: the (N, K) matrix; Weight: the K weights; Output: the N values of the single
    // output channel. Which of them a kernel writes depends on the kernel.
    private readonly record struct Job(float[] Input, float[] Weight, float[] Output, int K);
}
