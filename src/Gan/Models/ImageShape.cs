namespace NativeGan.Gan.Models;

/// <summary>Channels, height and width of one image, as in NCHW.</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Number of values in 28x28 grayscale MNIST image.</summary>
    public const int MnistPixels = 28 * 28;

    /// <summary>Shape of an MNIST image: (1, 28, 28).</summary>
    public static ImageShape Mnist => new(1, 28, 28);

    /// <summary>Values per image: channels x height x width.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Formats the shape as (C, H, W).</summary>
    public override string ToString() => $"({Channels}, {Height}, {Width})";
}
