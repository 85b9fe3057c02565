namespace NativeGan.Tensors.Convolution;

/// <summary>
/// CPU kernels of ConvTranspose2d in NCHW layout, groups = 1, with PyTorch's semantics:
/// the adjoint of a Conv2d, whose forward pass is that Conv2d's input gradient and whose
/// input gradient is that Conv2d's forward pass.
/// </summary>
/// <remarks>
/// the geometry <c>g</c> comes from <see cref="Conv2dGeometry.ForConvTranspose2d"/>, so the
/// transposed convolution's input x has the geometry's output shape (N, Cin, H, W), its
/// output y the geometry's input shape (N, Cout, H', W'), and its weight
/// (Cin, Cout, kh, kw) the geometry's weight shape. Kernels overwrite their outputs, and
/// results are bitwise the same for any <see cref="ComputeThreads.Max"/> on one machine.
/// </remarks>
public static class ConvTranspose2dKernels
{
    /// <summary>Computes y = conv_transpose2d(x, weight) + bias.</summary>
    /// <param name="g">Geometry from <see cref="Conv2dGeometry.ForConvTranspose2d"/>.</param>
    /// <param name="x">Input (N, Cin, H, W): the geometry's output shape.</param>
    /// <param name="weight">Weight (Cin, Cout, kh, kw).</param>
    /// <param name="bias">Bias (Cout), or null for none.</param>
    /// <param name="y">Output (N, Cout, H', W'): the geometry's input shape, overwritten.</param>
    /// <exception cref="ArgumentException">An array length does not match the geometry.</exception>
    public static void Forward(
        in Conv2dGeometry g, float[] x, float[] weight, float[]? bias, float[] y)
    {
        Conv2dKernels.BackwardInput(g, x, weight, y);
        if (bias is not null)
        {
            ChannelBias.Add(y, g.Batch, g.InChannels, g.InPlaneSize, bias);
        }
    }

    /// <summary>
    /// Computes the input and weight gradients from dY, sharing one im2row of dY. Either
    /// output may be null to skip it.
    /// </summary>
    /// <param name="g">Geometry of the forward pass.</param>
    /// <param name="x">Input of the forward pass, (N, Cin, H, W).</param>
    /// <param name="weight">Weight (Cin, Cout, kh, kw).</param>
    /// <param name="dY">Gradient with respect to the output, (N, Cout, H', W').</param>
    /// <param name="dX">Input gradient (N, Cin, H, W), overwritten, or null.</param>
    /// <param name="dWeight">Weight gradient (Cin, Cout, kh, kw), overwritten, or null.</param>
    /// <exception cref="ArgumentException">An array length does not match the geometry.</exception>
    public static void Backward(
        in Conv2dGeometry g, float[] x, float[] weight, float[] dY, float[]? dX, float[]? dWeight)
    {
        Conv2dKernels.CheckLength(x, g.OutputShape, nameof(x));
        Conv2dKernels.CheckLength(weight, g.WeightShape, nameof(weight));
        Conv2dKernels.CheckLength(dY, g.InputShape, nameof(dY));
        if (dX is not null)
        {
            Conv2dKernels.CheckLength(dX, g.OutputShape, nameof(dX));
        }

        if (dWeight is not null)
        {
            Conv2dKernels.CheckLength(dWeight, g.WeightShape, nameof(dWeight));
        }

        if (g.CoversWholeInput)
        {
            if (dX is not null)
            {
                WholeInputConvolution.Forward(g, dY, weight, dX);
            }

            if (dWeight is not null)
            {
                WholeInputConvolution.BackwardWeight(g, dY, x, dWeight);
            }
        }
        else if (dX is not null || dWeight is not null)
        {
            GroupedConvolution.Correlate(
                g, dY, weight, dX, x, dWeight, GroupedConvolution.GroupSize(g));
        }
    }

    /// <summary>Computes dBias[c], the sum of dY over samples and pixels of channel c.</summary>
    /// <param name="g">Geometry of the forward pass.</param>
    /// <param name="dY">Gradient with respect to the output, (N, Cout, H', W').</param>
    /// <param name="dBias">Bias gradient (Cout), overwritten.</param>
    /// <exception cref="ArgumentException">An array length does not match the geometry.</exception>
    public static void BackwardBias(in Conv2dGeometry g, float[] dY, float[] dBias)
    {
        Conv2dKernels.CheckLength(dY, g.InputShape, nameof(dY));
        ChannelBias.Sum(dY, g.Batch, g.InChannels, g.InPlaneSize, dBias);
    }
}
