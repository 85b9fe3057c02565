using ILGPU;
using ILGPU.Runtime;
using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Normalization;
using LoweringLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, NativeGan.Tensors.Convolution.Conv2dGeometry>;
using SwapLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.Index1D, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, int, int, int>;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Conv2d in NCHW layout, groups = 1, on a device with PyTorch's semantics: the forward
/// pass and the gradients with respect to the input, weight and bias, lowered to
/// <see cref="DeviceGemm"/> through im2col and col2im.
/// </summary>
/// <remarks>
/// Shapes come from the geometry g of <see cref="Conv2dGeometry.ForConv2d"/>: x (N, Cin, H, W),
/// weight (Cout, Cin, kh, kw), y (N, Cout, OH, OW). Outputs are overwritten. With
/// K = Cin kh kw and Q = N OH OW, the forward pass is Y' = W (Cout x K) times the column
/// matrix (K x Q), where Y' is y with its two leading axes swapped. The column matrix and
/// Y' live in the device's scratch buffers, of K Q and Cout Q floats.
/// </remarks>
public static class DeviceConv2d
{
    private static readonly DeviceKernel<LoweringLauncher> Im2Col =
        new(typeof(ConvolutionLowering), nameof(ConvolutionLowering.Im2ColKernel));
    private static readonly DeviceKernel<LoweringLauncher> Col2Im =
        new(typeof(ConvolutionLowering), nameof(ConvolutionLowering.Col2ImKernel));
    private static readonly DeviceKernel<SwapLauncher> Swap =
        new(typeof(ConvolutionLowering), nameof(ConvolutionLowering.SwapLeadingAxesKernel));

    /// <summary>Computes y = conv2d(x, weight) + bias.</summary>
    /// <param name="g">Geometry from <see cref="Conv2dGeometry.ForConv2d"/>.</param>
    /// <param name="x">Input (N, Cin, H, W).</param>
    /// <param name="weight">Weight (Cout, Cin, kh, kw).</param>
    /// <param name="bias">Bias (Cout), or null for none.</param>
    /// <param name="y">Output (N, Cout, OH, OW), overwritten.</param>
    /// <exception cref="ArgumentException">
    /// A shape does not match g, or the devices differ.
    /// </exception>
    public static void Forward(
        in Conv2dGeometry g, DeviceTensor x, DeviceTensor weight, DeviceTensor? bias,
        DeviceTensor y)
    {
        const string Op = "Conv2d " + nameof(Forward);
        Check(Op, (x, nameof(x), g.InputShape), (weight, nameof(weight), g.WeightShape),
            (y, nameof(y), g.OutputShape));
        if (bias is not null)
        {
            Check(Op, (x, nameof(x), g.InputShape), (bias, nameof(bias), new(g.OutChannels)));
        }

        ComputeDevice device = x.Device;
        Sizes sizes = SizesOf(Op, g);
        ArrayView<float> columns = device.Scratch.Get(0, sizes.Columns);
        ArrayView<float> swapped = device.Scratch.Get(1, sizes.Outputs);
        Lower(device, Im2Col, sizes.Columns, x.View, columns, g);
        DeviceGemm.Launch(device, new DeviceGemmArguments(
            g.OutChannels, sizes.Q, sizes.K, sizes.K, sizes.Q, sizes.Q, false, false, 1f, 0f),
            weight.View, columns, swapped);
        SwapLeadingAxes(device, swapped, y.View, g.OutChannels, g.Batch, g.OutPlaneSize);
        if (bias is not null)
        {
            DeviceElementwise.AddViews(device, y.View, bias.View, y.View,
                new BroadcastLayout(g.OutChannels, g.OutPlaneSize));
        }
    }

    /// <summary>Computes dX, the gradient of the loss with respect to the input.</summary>
    /// <param name="g">Geometry of the forward pass.</param>
    /// <param name="dY">Gradient with respect to the output, (N, Cout, OH, OW).</param>
    /// <param name="weight">Weight (Cout, Cin, kh, kw).</param>
    /// <param name="dX">Input gradient (N, Cin, H, W), overwritten.</param>
    /// <exception cref="ArgumentException">
    /// A shape does not match g, or the devices differ.
    /// </exception>
    public static void BackwardInput(
        in Conv2dGeometry g, DeviceTensor dY, DeviceTensor weight, DeviceTensor dX)
    {
        const string Op = "Conv2d " + nameof(BackwardInput);
        Check(Op, (dY, nameof(dY), g.OutputShape), (weight, nameof(weight), g.WeightShape),
            (dX, nameof(dX), g.InputShape));
        ComputeDevice device = dY.Device;
        Sizes sizes = SizesOf(Op, g);
        ArrayView<float> swapped = device.Scratch.Get(1, sizes.Outputs);
        ArrayView<float> columns = device.Scratch.Get(0, sizes.Columns);
        SwapLeadingAxes(device, dY.View, swapped, g.Batch, g.OutChannels, g.OutPlaneSize);
        DeviceGemm.Launch(device, new DeviceGemmArguments(
            sizes.K, sizes.Q, g.OutChannels, sizes.K, sizes.Q, sizes.Q, true, false, 1f, 0f),
            weight.View, swapped, columns);
        Lower(device, Col2Im, dX.Length, columns, dX.View, g);
    }

    /// <summary>Computes dW, the gradient of the loss with respect to the weight.</summary>
    /// <param name="g">Geometry of the forward pass.</param>
    /// <param name="x">Input of the forward pass, (N, Cin, H, W).</param>
    /// <param name="dY">Gradient with respect to the output, (N, Cout, OH, OW).</param>
    /// <param name="dWeight">Weight gradient (Cout, Cin, kh, kw), overwritten.</param>
    /// <exception cref="ArgumentException">
    /// A shape does not match g, or the devices differ.
    /// </exception>
    public static void BackwardWeight(
        in Conv2dGeometry g, DeviceTensor x, DeviceTensor dY, DeviceTensor dWeight)
    {
        const string Op = "Conv2d " + nameof(BackwardWeight);
        Check(Op, (x, nameof(x), g.InputShape), (dY, nameof(dY), g.OutputShape),
            (dWeight, nameof(dWeight), g.WeightShape));
        ComputeDevice device = x.Device;
        Sizes sizes = SizesOf(Op, g);
        ArrayView<float> columns = device.Scratch.Get(0, sizes.Columns);
        ArrayView<float> swapped = device.Scratch.Get(1, sizes.Outputs);
        Lower(device, Im2Col, sizes.Columns, x.View, columns, g);
        SwapLeadingAxes(device, dY.View, swapped, g.Batch, g.OutChannels, g.OutPlaneSize);
        DeviceGemm.Launch(device, new DeviceGemmArguments(
            g.OutChannels, sizes.K, sizes.Q, sizes.Q, sizes.Q, sizes.K, false, true, 1f, 0f),
            swapped, columns, dWeight.View);
    }

    /// <summary>Computes dBias[c], the sum of dY over samples and pixels of channel c.</summary>
    /// <param name="g">Geometry of the forward pass.</param>
    /// <param name="dY">Gradient with respect to the output, (N, Cout, OH, OW).</param>
    /// <param name="dBias">Bias gradient (Cout), overwritten.</param>
    /// <exception cref="ArgumentException">
    /// A shape does not match g, or the devices differ.
    /// </exception>
    public static void BackwardBias(in Conv2dGeometry g, DeviceTensor dY, DeviceTensor dBias)
    {
        const string Op = "Conv2d " + nameof(BackwardBias);
        Check(Op, (dY, nameof(dY), g.OutputShape), (dBias, nameof(dBias), new(g.OutChannels)));
        DeviceReductions.LaunchChannelSums(dY.Device, dY.View,
            new BatchNormLayout(g.Batch, g.OutChannels, g.OutPlaneSize), dBias.View, 1f);
    }

    /// <summary>Queues target (B, A, P) = source (A, B, P) with its leading axes swapped.</summary>
    internal static void SwapLeadingAxes(
        ComputeDevice device, ArrayView<float> source, ArrayView<float> target, int a, int b,
        int p)
    {
        long length = (long)a * b * p;
        if (length > 0)
        {
            Swap.On(device)(device.Stream, (int)length, source, target, a, b, p);
        }
    }

    private static void Lower(
        ComputeDevice device, DeviceKernel<LoweringLauncher> kernel, long length,
        ArrayView<float> source, ArrayView<float> target, Conv2dGeometry g)
    {
        if (length > 0)
        {
            kernel.On(device)(device.Stream, (int)length, source, target, g);
        }
    }

    // K = Cin kh kw, Q = N OH OW; Columns = K Q and Outputs = Cout Q elements.
    private readonly record struct Sizes(int K, int Q, long Columns, long Outputs);

    private static Sizes SizesOf(string op, in Conv2dGeometry g)
    {
        int k = g.ReceptiveFieldSize;
        long q = (long)g.Batch * g.OutPlaneSize;
        long columns = k * q;
        long outputs = g.OutChannels * q;

        // Kernels index with 32-bit Index1D, as ILGPU's implicitly grouped launches do.
        if (columns > int.MaxValue || outputs > int.MaxValue)
        {
            throw new ArgumentException(
                $"{op}: {g} needs a column matrix of {k} x {q} = {columns} values and an " +
                $"output matrix of {outputs}, but each must be at most {int.MaxValue}. " +
                "Split the batch.");
        }

        return new Sizes(k, (int)q, columns, outputs);
    }

    // Checks each operand's shape, then that all live on the first operand's device.
    private static void Check(
        string op, params ReadOnlySpan<(DeviceTensor Tensor, string Name, Shape Expected)> operands)
    {
        foreach ((DeviceTensor tensor, string name, Shape expected) in operands)
        {
            DeviceCheck.HasShape(op, tensor, name, expected);
        }

        for (int i = 1; i < operands.Length; i++)
        {
            DeviceCheck.SameDevice(op, operands[0].Tensor, operands[0].Name, operands[i].Tensor,
                operands[i].Name);
        }
    }
}
