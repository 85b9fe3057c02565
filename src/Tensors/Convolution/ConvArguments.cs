namespace NativeGan.Tensors.Convolution;

/// <summary>
/// Checks of the hyperparameters and shapes of Conv2d and ConvTranspose2d, shared by the
/// geometry factories and by the layers, which call them when they are built.
/// </summary>
public static class ConvArguments
{
    /// <summary>
    /// Throws unless every kernel size, stride and dilation is at least 1 and every padding
    /// is at least 0.
    /// </summary>
    /// <param name="op">Name of the operation, such as "Conv2d", for the message.</param>
    /// <param name="kernelSize">Kernel size (kh, kw).</param>
    /// <param name="stride">Stride (sh, sw).</param>
    /// <param name="padding">Zero padding (ph, pw) on each side.</param>
    /// <param name="dilation">Distance (dh, dw) between kernel taps.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static void Validate(
        string op, Size2d kernelSize, Size2d stride, Size2d padding, Size2d dilation)
    {
        RequirePositive(op, kernelSize, "kernel size", nameof(kernelSize));
        RequirePositive(op, stride, "stride", nameof(stride));
        RequirePositive(op, dilation, "dilation", nameof(dilation));
        if (padding.Height < 0 || padding.Width < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(padding), padding,
                $"{op}: padding {padding} is invalid: each value must be 0 or more.");
        }
    }

    /// <summary>
    /// Throws unless each output padding is at least 0 and smaller than either the stride or
    /// the dilation of its axis, the rule of PyTorch's ConvTranspose2d: a larger value would
    /// add rows or columns that no input pixel reaches.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static void ValidateOutputPadding(
        string op, Size2d outputPadding, Size2d stride, Size2d dilation)
    {
        bool heightValid = outputPadding.Height >= 0 &&
            (outputPadding.Height < stride.Height || outputPadding.Height < dilation.Height);
        bool widthValid = outputPadding.Width >= 0 &&
            (outputPadding.Width < stride.Width || outputPadding.Width < dilation.Width);
        if (!heightValid || !widthValid)
        {
            throw new ArgumentOutOfRangeException(
                nameof(outputPadding), outputPadding,
                $"{op}: output padding {outputPadding} is invalid with stride {stride} and " +
                $"dilation {dilation}: each value must be 0 or more and smaller than either " +
                "the stride or the dilation of its axis.");
        }
    }

    /// <summary>Throws unless the weight has rank 4 and no dimension of size 0.</summary>
    /// <param name="op">Name of the operation, for the message.</param>
    /// <param name="weight">Shape of the weight.</param>
    /// <param name="layout">Expected layout, such as "(out_channels, in_channels, kh, kw)".</param>
    /// <exception cref="ArgumentException">The weight shape is invalid.</exception>
    public static void ValidateWeight(string op, Shape weight, string layout)
    {
        bool empty = false;
        for (int axis = 0; axis < weight.Rank; axis++)
        {
            empty |= weight[axis] == 0;
        }

        if (weight.Rank != 4 || empty)
        {
            throw new ArgumentException(
                $"{op}: weight has shape {weight}, expected {layout} with every size at least 1.");
        }
    }

    /// <summary>
    /// Throws unless the input has shape (N, channels, H, W) with H and W at least 1.
    /// </summary>
    /// <param name="op">Name of the operation, for the message.</param>
    /// <param name="input">Shape of the input.</param>
    /// <param name="weight">Shape of the weight, shown in the message.</param>
    /// <param name="channels">Input channels that the weight expects.</param>
    /// <exception cref="ArgumentException">The input shape is invalid.</exception>
    public static void ValidateInput(string op, Shape input, Shape weight, int channels)
    {
        if (input.Rank != 4)
        {
            throw new ArgumentException(
                $"{op}: input has shape {input}, expected (N, {channels}, H, W) of rank 4 for " +
                $"weight {weight}. Reshape a single image to (1, C, H, W).");
        }

        if (input[1] != channels)
        {
            throw new ArgumentException(
                $"{op}: input {input} has {input[1]} channels but weight {weight} expects " +
                $"{channels}; expected input (N, {channels}, H, W).");
        }

        if (input[2] == 0 || input[3] == 0)
        {
            throw new ArgumentException(
                $"{op}: input {input} has an empty image; height and width must be at least 1.");
        }
    }

    private static void RequirePositive(string op, Size2d value, string label, string name)
    {
        if (value.Height < 1 || value.Width < 1)
        {
            throw new ArgumentOutOfRangeException(
                name, value, $"{op}: {label} {value} is invalid: each value must be at least 1.");
        }
    }
}
