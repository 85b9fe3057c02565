namespace NativeGan.Tensors.Convolution;

/// <summary>
/// Sizes of one 2-D convolution in NCHW layout: the Conv2d that maps an input of shape
/// (Batch, InChannels, InHeight, InWidth) to an output of shape
/// (Batch, OutChannels, OutHeight, OutWidth) with a weight of shape
/// (OutChannels, InChannels, Kernel.Height, Kernel.Width), groups = 1.
/// </summary>
/// <remarks>
/// A ConvTranspose2d is described by the Conv2d whose input gradient it computes: its own
/// input has this geometry's output shape and its own output has this geometry's input
/// shape. Its weight, (inChannels, outChannels, kh, kw) in PyTorch, is then exactly the
/// weight above. The factories validate every size and throw with the shapes involved.
/// </remarks>
public readonly struct Conv2dGeometry
{
    private Conv2dGeometry(
        Shape input, Shape weight, int outHeight, int outWidth,
        Size2d stride, Size2d padding, Size2d dilation)
    {
        Batch = input[0];
        InChannels = input[1];
        InHeight = input[2];
        InWidth = input[3];
        OutChannels = weight[0];
        OutHeight = outHeight;
        OutWidth = outWidth;
        Kernel = new Size2d(weight[2], weight[3]);
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
    }

    /// <summary>Number of samples N.</summary>
    public int Batch { get; }

    /// <summary>Channels of the Conv2d input.</summary>
    public int InChannels { get; }

    /// <summary>Height of the Conv2d input, in pixels.</summary>
    public int InHeight { get; }

    /// <summary>Width of the Conv2d input, in pixels.</summary>
    public int InWidth { get; }

    /// <summary>Channels of the Conv2d output.</summary>
    public int OutChannels { get; }

    /// <summary>Height of the Conv2d output, in pixels.</summary>
    public int OutHeight { get; }

    /// <summary>Width of the Conv2d output, in pixels.</summary>
    public int OutWidth { get; }

    /// <summary>Kernel size (kh, kw), in taps.</summary>
    public Size2d Kernel { get; }

    /// <summary>Stride (sh, sw), in input pixels per output pixel.</summary>
    public Size2d Stride { get; }

    /// <summary>Implicit zero padding (ph, pw) on each side of the input, in pixels.</summary>
    public Size2d Padding { get; }

    /// <summary>Dilation (dh, dw): distance between kernel taps, in input pixels.</summary>
    public Size2d Dilation { get; }

    /// <summary>Shape (N, InChannels, InHeight, InWidth) of the Conv2d input.</summary>
    public Shape InputShape => new(Batch, InChannels, InHeight, InWidth);

    /// <summary>Shape (N, OutChannels, OutHeight, OutWidth) of the Conv2d output.</summary>
    public Shape OutputShape => new(Batch, OutChannels, OutHeight, OutWidth);

    /// <summary>Shape (OutChannels, InChannels, kh, kw) of the Conv2d weight.</summary>
    public Shape WeightShape => new(OutChannels, InChannels, Kernel.Height, Kernel.Width);

    /// <summary>Pixels of one input channel: InHeight * InWidth.</summary>
    public int InPlaneSize => InHeight * InWidth;

    /// <summary>Pixels of one output channel: OutHeight * OutWidth.</summary>
    public int OutPlaneSize => OutHeight * OutWidth;

    /// <summary>
    /// Values that one output pixel reads: InChannels * kh * kw, the length of a row of the
    /// im2row matrix.
    /// </summary>
    public int ReceptiveFieldSize => InChannels * Kernel.Height * Kernel.Width;

    /// <summary>
    /// Floating-point operations of the forward pass, 2 N OutChannels OutHeight OutWidth
    /// InChannels kh kw (a multiply-add counts as 2). Each gradient costs the same.
    /// </summary>
    public long Flops => 2L * Batch * OutChannels * OutPlaneSize * ReceptiveFieldSize;

    /// <summary>
    /// Whether the kernel covers the whole unpadded input with contiguous taps, so that the
    /// output is 1 x 1 and each sample's im2row row is the sample itself.
    /// </summary>
    public bool CoversWholeInput =>
        Padding == new Size2d(0, 0) && Kernel.Height == InHeight && Kernel.Width == InWidth &&
        (Dilation.Height == 1 || Kernel.Height == 1) &&
        (Dilation.Width == 1 || Kernel.Width == 1) &&
        OutHeight == 1 && OutWidth == 1;

    /// <summary>
    /// Computes a Conv2d output size, floor((input + 2 padding - dilation (kernel - 1) - 1)
    /// / stride) + 1, or 0 when the dilated kernel is larger than the padded input.
    /// </summary>
    public static int OutputSize(
        int inputSize, int kernelSize, int stride, int padding, int dilation)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        long span = (long)inputSize + 2L * padding - (long)dilation * (kernelSize - 1) - 1;
        return span < 0 ? 0 : checked((int)(span / stride + 1));
    }

    /// <summary>
    /// Computes a ConvTranspose2d output size, (input - 1) stride - 2 padding
    /// + dilation (kernel - 1) + outputPadding + 1, which is 0 or negative when the padding
    /// removes more than the kernel adds.
    /// </summary>
    public static int TransposedOutputSize(
        int inputSize, int kernelSize, int stride, int padding, int outputPadding, int dilation)
    {
        long size = ((long)inputSize - 1) * stride - 2L * padding +
            (long)dilation * (kernelSize - 1) + outputPadding + 1;
        return checked((int)size);
    }

    /// <summary>
    /// Creates the geometry of a Conv2d. input: (N, Cin, H, W); weight: (Cout, Cin, kh, kw).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A shape has the wrong rank, the channels differ, or the dilated kernel is larger than
    /// the padded input.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A stride or dilation is below 1 or a padding is negative.
    /// </exception>
    public static Conv2dGeometry ForConv2d(
        Shape input, Shape weight, Size2d stride, Size2d padding, Size2d dilation)
    {
        const string op = "Conv2d";
        ConvArguments.ValidateWeight(op, weight, "(out_channels, in_channels, kh, kw)");
        var kernel = new Size2d(weight[2], weight[3]);
        ConvArguments.Validate(op, kernel, stride, padding, dilation);
        ConvArguments.ValidateInput(op, input, weight, weight[1]);

        int outHeight = OutputSize(input[2], kernel.Height, stride.Height, padding.Height,
            dilation.Height);
        int outWidth = OutputSize(input[3], kernel.Width, stride.Width, padding.Width,
            dilation.Width);
        if (outHeight == 0 || outWidth == 0)
        {
            var span = new Size2d(
                dilation.Height * (kernel.Height - 1) + 1, dilation.Width * (kernel.Width - 1) + 1);
            throw new ArgumentException(
                $"{op}: input {input} padded by {padding} is smaller than the kernel {kernel} " +
                $"with dilation {dilation}, which spans {span} pixels. Use a larger input, " +
                "more padding or a smaller kernel.");
        }

        return new Conv2dGeometry(input, weight, outHeight, outWidth, stride, padding, dilation);
    }

    /// <summary>
    /// Creates the geometry of a ConvTranspose2d: the Conv2d whose input gradient it is.
    /// input: (N, Cin, H, W); weight: (Cin, Cout, kh, kw); output: (N, Cout, H', W') with
    /// H' = <see cref="TransposedOutputSize"/>, which becomes the geometry's input shape.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A shape has the wrong rank, the channels differ, or the output would be empty.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A stride or dilation is below 1, a padding is negative, or an output padding is not
    /// smaller than either the stride or the dilation of its axis.
    /// </exception>
    public static Conv2dGeometry ForConvTranspose2d(
        Shape input, Shape weight, Size2d stride, Size2d padding, Size2d outputPadding,
        Size2d dilation)
    {
        const string op = "ConvTranspose2d";
        ConvArguments.ValidateWeight(op, weight, "(in_channels, out_channels, kh, kw)");
        var kernel = new Size2d(weight[2], weight[3]);
        ConvArguments.Validate(op, kernel, stride, padding, dilation);
        ConvArguments.ValidateOutputPadding(op, outputPadding, stride, dilation);
        ConvArguments.ValidateInput(op, input, weight, weight[0]);

        int outHeight = TransposedOutputSize(input[2], kernel.Height, stride.Height,
            padding.Height, outputPadding.Height, dilation.Height);
        int outWidth = TransposedOutputSize(input[3], kernel.Width, stride.Width,
            padding.Width, outputPadding.Width, dilation.Width);
        if (outHeight <= 0 || outWidth <= 0)
        {
            throw new ArgumentException(
                $"{op}: input {input} with kernel {kernel}, stride {stride}, padding {padding}, " +
                $"output padding {outputPadding} and dilation {dilation} gives an empty output " +
                $"of size ({outHeight}, {outWidth}). Use less padding or a larger input.");
        }

        var image = new Shape(input[0], weight[1], outHeight, outWidth);
        return new Conv2dGeometry(
            image, weight, input[2], input[3], stride, padding, dilation);
    }

    /// <summary>Describes the sizes, for errors and benchmarks.</summary>
    public override string ToString() =>
        $"Conv2d {InputShape} -> {OutputShape}, kernel {Kernel}, stride {Stride}, " +
        $"padding {Padding}, dilation {Dilation}";
}
