using NativeGan.Tensors.Kernels;

namespace NativeGan.Tensors.Convolution;

/// <summary>
/// Convolution lowered to the GEMM over groups of samples: im2row of a whole group, then
/// one GEMM over every output pixel of the group, so that layers with small outputs
/// (7 x 7) still run large products.
/// </summary>
/// <remarks>
/// With K = <see cref="Conv2dGeometry.ReceptiveFieldSize"/>, P = OutHeight OutWidth, a
/// group of B samples and R the (B P, K) im2row matrix of <see cref="Im2Row"/>: forward
/// Y (Cout, B P) = W (Cout, K) R^T; input gradient R = dY^T W, then row2im; weight
/// gradient dW (Cout, K) += dY R over the groups in order. A group of one sample reads and
/// writes its NCHW planes in place; larger groups stage them through a (Cout, B P) matrix.
/// The group size depends only on the geometry, so results do not depend on the number of
/// threads.
/// </remarks>
internal static class GroupedConvolution
{
    /// <summary>
    /// Floats of the im2row and staging matrices of one group, 2 MiB, about the size of a
    /// per-core L2 cache. In single-threaded runs of DCGAN's 7 x 7 layers on a Zen 4 AMD
    /// EPYC, groups of 4 to 16 samples made the input gradient up to 1.5 times faster than
    /// one group of all 128 samples. The forward pass was no slower. A sample that needs
    /// more is processed alone.
    /// </summary>
    public const int GroupBudget = 1 << 19;

    /// <summary>Returns the number of samples per GEMM, at least 1.</summary>
    public static int GroupSize(in Conv2dGeometry g)
    {
        long perSample = ((long)g.ReceptiveFieldSize + g.OutChannels) * g.OutPlaneSize;
        return (int)Math.Clamp(GroupBudget / perSample, 1, Math.Max(1, g.Batch));
    }

    /// <summary>
    /// Computes output = conv(image, weight) when <paramref name="output"/> is given, and
    /// dWeight = the correlation of <paramref name="outputGradient"/> with image when
    /// <paramref name="dWeight"/> is given, sharing one im2row of each group.
    /// </summary>
    /// <param name="g">Geometry; image has its input shape.</param>
    /// <param name="image">Input planes, (N, InChannels, InHeight, InWidth).</param>
    /// <param name="weight">Weight (OutChannels, K); read only with an output.</param>
    /// <param name="output">Output planes (N, OutChannels, OH, OW), overwritten.</param>
    /// <param name="outputGradient">Output-side planes that dWeight correlates with image.</param>
    /// <param name="dWeight">Weight gradient (OutChannels, K), overwritten.</param>
    /// <param name="group">Samples per GEMM; tests pass small groups.</param>
    public static void Correlate(
        in Conv2dGeometry g, float[] image, float[] weight, float[]? output,
        float[]? outputGradient, float[]? dWeight, int group)
    {
        int k = g.ReceptiveFieldSize;
        int p = g.OutPlaneSize;
        int cout = g.OutChannels;
        float[] rows = ConvolutionWorkspace.Im2RowBuffer(checked(k * group * p));
        float[] staged = group > 1 ? ConvolutionWorkspace.StagingBuffer(cout * group * p) : [];
        if (g.Batch == 0 && dWeight is not null)
        {
            Array.Clear(dWeight);
        }

        for (int first = 0; first < g.Batch; first += group)
        {
            int count = Math.Min(group, g.Batch - first);
            int width = count * p;
            Im2Row.Gather(g, image, first, count, rows);
            if (output is not null)
            {
                // Y (cout x width) = W (cout x k) R^T.
                if (count == 1)
                {
                    Gemm.Multiply(false, true, cout, p, k, 1f, weight, k, rows, k,
                        0f, output.AsSpan(first * cout * p, cout * p), p);
                }
                else
                {
                    Gemm.Multiply(false, true, cout, width, k, 1f, weight, k, rows, k,
                        0f, staged, width);
                    OutputStaging.Unstage(g, staged, first, count, output);
                }
            }

            if (dWeight is not null)
            {
                // dW (cout x k) = (first group ? 0 : dW) + dY (cout x width) R (width x k).
                float beta = first == 0 ? 0f : 1f;
                ReadOnlySpan<float> gradient;
                if (count == 1)
                {
                    gradient = outputGradient.AsSpan(first * cout * p, cout * p);
                }
                else
                {
                    OutputStaging.Stage(g, outputGradient!, first, count, staged);
                    gradient = staged;
                }

                Gemm.Multiply(false, false, cout, k, width, 1f, gradient, width, rows, k,
                    beta, dWeight, k);
            }
        }
    }

    /// <summary>
    /// Overwrites image with the transposed convolution of outputSide: R = dY^T W for each
    /// group, then row2im. This is the input gradient of a Conv2d and the forward pass of a
    /// ConvTranspose2d.
    /// </summary>
    /// <param name="g">Geometry; image has its input shape.</param>
    /// <param name="outputSide">Planes of the output shape, (N, OutChannels, OH, OW).</param>
    /// <param name="weight">Weight (OutChannels, K).</param>
    /// <param name="image">Planes of the input shape, overwritten.</param>
    /// <param name="group">Samples per GEMM; tests pass small groups.</param>
    public static void Transpose(
        in Conv2dGeometry g, float[] outputSide, float[] weight, float[] image, int group)
    {
        int k = g.ReceptiveFieldSize;
        int p = g.OutPlaneSize;
        int cout = g.OutChannels;
        float[] rows = ConvolutionWorkspace.Im2RowBuffer(checked(k * group * p));
        float[] staged = group > 1 ? ConvolutionWorkspace.StagingBuffer(cout * group * p) : [];
        for (int first = 0; first < g.Batch; first += group)
        {
            int count = Math.Min(group, g.Batch - first);
            int width = count * p;
            ReadOnlySpan<float> source;
            if (count == 1)
            {
                source = outputSide.AsSpan(first * cout * p, cout * p);
            }
            else
            {
                OutputStaging.Stage(g, outputSide, first, count, staged);
                source = staged;
            }

            // R (width x k) = dY^T (width x cout) W (cout x k).
            Gemm.Multiply(true, false, width, k, cout, 1f, source, width, weight, k,
                0f, rows, k);
            Im2Row.Scatter(g, rows, first, count, image);
        }
    }
}
