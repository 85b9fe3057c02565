namespace NativeGan.Tensors.Convolution;

/// <summary>
/// Pair of values for the height and width axes of a 2-D convolution: kernel size, stride,
/// padding, output padding or dilation, like the int-or-tuple arguments of PyTorch's
/// torch.nn.Conv2d. An int converts to the same value on both axes.
/// </summary>
/// <param name="Height">Value along the height axis (rows).</param>
/// <param name="Width">Value along the width axis (columns).</param>
public readonly record struct Size2d(int Height, int Width)
{
    /// <summary>Converts one value into a pair with that value on both axes.</summary>
    public static implicit operator Size2d(int value) => new(value, value);

    /// <summary>Converts a (height, width) tuple into a pair.</summary>
    public static implicit operator Size2d((int Height, int Width) pair) =>
        new(pair.Height, pair.Width);

    /// <summary>Formats the pair as "(height, width)", as PyTorch prints it.</summary>
    public override string ToString() => $"({Height}, {Width})";
}
