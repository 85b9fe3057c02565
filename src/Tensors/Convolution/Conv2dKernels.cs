namespace NativeGan.Tensors.Convolution;

/// <summary>
/// CPU kernels of Conv2d in NCHW layout, groups = 1, with PyTorch's semantics: the forward
/// pass and the gradients with respect to the input, the weight and the bias.
/// </summary>
/// <remarks>
/// Arrays are row-major with the shapes of the geometry <c>g</c>: x (N, Cin, H, W), weight
/// (Cout, Cin, kh, kw), y (N, Cout, OH, OW). Kernels overwrite their outputs. Convolutions
/// run as GEMMs over im2row matrices of several samples at once, except when the kernel
/// covers the whole input, where each sample is already a row of a matrix product. Results
/// are bitwise the same for any <see cref="ComputeThreads.Max"/> on one machine.
/// </remarks>
public static class Conv2dKernels
{
    /// <summary>Computes y = conv2d(x, weight) + bias.</summary>
    /// <param name="g">Geometry from <see cref="Conv2dGeometry.ForConv2d"/>.</param>
    /// <param name="x">Input (N, Cin, H, W).</param>
    /// <param name="weight">Weight (Cout, Cin, kh, kw).</param>
    /// <param name="bias">Bias (Cout), or null for none.</param>
    /// <param name="y">Output (N, Cout, OH, OW), overwritten.</param>
    /// <exception cref="ArgumentException">An array length does not match the geometry.</exception>
    public static void Forward(
        in Conv2dGeometry g, float[] x, float[] weight, float[]? bias, float[] y)
    {
        CheckLength(x, g.InputShape, nameof(x));
        CheckLength(weight, g.WeightShape, nameof(weight));
        CheckLength(y, g.OutputShape, nameof(y));
        if (g.CoversWholeInput)
        {
            WholeInputConvolution.Forward(g, x, weight, y);
        }
        else
        {
            GroupedConvolution.Correlate(
                g, x, weight, y, null, null, GroupedConvolution.GroupSize(g));
        }

        if (bias is not null)
        {
            ChannelBias.Add(y, g.Batch, g.OutChannels, g.OutPlaneSize, bias);
        }
    }

    /// <summary>Computes dX, the gradient of the loss with respect to the input.</summary>
    /// <param name="g">Geometry of the forward pass.</param>
    /// <param name="dY">Gradient with respect to the output, (N, Cout, OH, OW).</param>
    /// <param name="weight">Weight (Cout, Cin, kh, kw).</param>
    /// <param name="dX">Input gradient (N, Cin, H, W), overwritten.</param>
    /// <exception cref="ArgumentException">An array length does not match the geometry.</exception>
    public static void BackwardInput(in Conv2dGeometry g, float[] dY, float[] weight, float[] dX)
    {
        CheckLength(dY, g.OutputShape, nameof(dY));
        CheckLength(weight, g.WeightShape, nameof(weight));
        CheckLength(dX, g.InputShape, nameof(dX));
        if (g.CoversWholeInput)
        {
            WholeInputConvolution.BackwardInput(g, dY, weight, dX);
        }
        else
        {
            GroupedConvolution.Transpose(g, dY, weight, dX, GroupedConvolution.GroupSize(g));
        }
    }

    /// <summary>Computes dW, the gradient of the loss with respect to the weight.</summary>
    /// <param name="g">Geometry of the forward pass.</param>
    /// <param name="x">Input of the forward pass, (N, Cin, H, W).</param>
    /// <param name="dY">Gradient with respect to the output, (N, Cout, OH, OW).</param>
    /// <param name="dWeight">Weight gradient (Cout, Cin, kh, kw), overwritten.</param>
    /// <exception cref="ArgumentException">An array length does not match the geometry.</exception>
    public static void BackwardWeight(in Conv2dGeometry g, float[] x, float[] dY, float[] dWeight)
    {
        CheckLength(x, g.InputShape, nameof(x));
        CheckLength(dY, g.OutputShape, nameof(dY));
        CheckLength(dWeight, g.WeightShape, nameof(dWeight));
        if (g.CoversWholeInput)
        {
            WholeInputConvolution.BackwardWeight(g, x, dY, dWeight);
        }
        else
        {
            // The weight is not read when no output is computed.
            GroupedConvolution.Correlate(
                g, x, [], null, dY, dWeight, GroupedConvolution.GroupSize(g));
        }
    }

    /// <summary>Computes dBias[c], the sum of dY over samples and pixels of channel c.</summary>
    /// <param name="g">Geometry of the forward pass.</param>
    /// <param name="dY">Gradient with respect to the output, (N, Cout, OH, OW).</param>
    /// <param name="dBias">Bias gradient (Cout), overwritten.</param>
    /// <exception cref="ArgumentException">An array length does not match the geometry.</exception>
    public static void BackwardBias(in Conv2dGeometry g, float[] dY, float[] dBias)
    {
        CheckLength(dY, g.OutputShape, nameof(dY));
        ChannelBias.Sum(dY, g.Batch, g.OutChannels, g.OutPlaneSize, dBias);
    }

    /// <summary>
    /// Throws unless <paramref name="values"/> has the element count of <paramref name="shape"/>.
    /// </summary>
    internal static void CheckLength(float[] values, Shape shape, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != shape.ElementCount)
        {
            throw new ArgumentException(
                $"Convolution kernel: {name} has {values.Length} elements but its shape " +
                $"{shape} needs {shape.ElementCount}.", name);
        }
    }
}
