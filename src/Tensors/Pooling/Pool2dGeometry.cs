namespace NativeGan.Tensors.Pooling;

/// <summary>
/// Sizes of one 2-D pooling in NCHW layout: input (Batch, Channels, InHeight, InWidth) to
/// output (Batch, Channels, OutHeight, OutWidth) with a given window. Each of the
/// Batch * Channels planes is pooled on its own.
/// </summary>
public readonly struct Pool2dGeometry
{
    private Pool2dGeometry(Shape input, int outHeight, int outWidth, Pool2dOptions options)
    {
        Batch = input[0];
        Channels = input[1];
        InHeight = input[2];
        InWidth = input[3];
        OutHeight = outHeight;
        OutWidth = outWidth;
        Options = options;
    }

    /// <summary>Number of samples N.</summary>
    public int Batch { get; }

    /// <summary>Number of channels C.</summary>
    public int Channels { get; }

    /// <summary>Input height, in pixels.</summary>
    public int InHeight { get; }

    /// <summary>Input width, in pixels.</summary>
    public int InWidth { get; }

    /// <summary>Output height, in pixels.</summary>
    public int OutHeight { get; }

    /// <summary>Output width, in pixels.</summary>
    public int OutWidth { get; }

    /// <summary>Window of the pooling.</summary>
    public Pool2dOptions Options { get; }

    /// <summary>Number of planes pooled independently: Batch * Channels.</summary>
    public int Planes => Batch * Channels;

    /// <summary>Pixels of one input plane: InHeight * InWidth.</summary>
    public int InPlaneSize => InHeight * InWidth;

    /// <summary>Pixels of one output plane: OutHeight * OutWidth.</summary>
    public int OutPlaneSize => OutHeight * OutWidth;

    /// <summary>Shape (N, C, InHeight, InWidth) of the input.</summary>
    public Shape InputShape => new(Batch, Channels, InHeight, InWidth);

    /// <summary>Shape (N, C, OutHeight, OutWidth) of the output.</summary>
    public Shape OutputShape => new(Batch, Channels, OutHeight, OutWidth);

    /// <summary>
    /// Creates the geometry of pooling <paramref name="input"/>, of shape (N, C, H, W),
    /// with <paramref name="options"/>. <paramref name="op"/> names the operation, such as
    /// "MaxPool2d", in errors.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The input does not have rank 4, or the window does not fit in the padded input.
    /// </exception>
    public static Pool2dGeometry Create(Shape input, Pool2dOptions options, string op)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (input.Rank != 4)
        {
            throw new ArgumentException(
                $"{op}: input has shape {input}, expected (N, C, H, W) of rank 4. Reshape a " +
                "single image to (1, C, H, W).");
        }

        long outHeight = Pool2dOptions.OutputSize(
            input[2], options.KernelSize.Height, options.Stride.Height,
            options.Padding.Height, options.Dilation.Height, options.CeilMode);
        long outWidth = Pool2dOptions.OutputSize(
            input[3], options.KernelSize.Width, options.Stride.Width,
            options.Padding.Width, options.Dilation.Width, options.CeilMode);
        if (outHeight < 1 || outWidth < 1)
        {
            throw new ArgumentException(
                $"{op}: input {input} gives an output of size ({outHeight}, {outWidth}) with " +
                $"{options}; the output size is too small. Use a larger input, a smaller " +
                "kernel or more padding.");
        }

        return new Pool2dGeometry(input, (int)outHeight, (int)outWidth, options);
    }

    /// <summary>Describes the sizes, for errors and benchmarks.</summary>
    public override string ToString() => $"Pool2d {InputShape} -> {OutputShape}, {Options}";
}
