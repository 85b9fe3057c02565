using NativeGan.Tensors;

namespace NativeGan.Gan.Data;

/// <summary>
/// MNIST images and labels of one split, held in memory as the original bytes and scaled
/// to [-1, 1] when copied out.
/// </summary>
/// <remarks>
/// Pixel byte x maps to x / 127.5 - 1, so 0 (black background) becomes -1 and 255 becomes
/// 1, the range of a Tanh generator output. A split of 60,000 images takes 47 MB.
/// </remarks>
public sealed class MnistDataset
{
    /// <summary>Image height in pixels: 28.</summary>
    public const int ImageHeight = 28;

    /// <summary>Image width in pixels: 28.</summary>
    public const int ImageWidth = 28;

    /// <summary>Pixels per image: 28 x 28 = 784.</summary>
    public const int PixelsPerImage = ImageHeight * ImageWidth;

    private static readonly float[] ScaledValues = CreateScaledValues();

    private readonly byte[] _pixels;
    private readonly byte[] _labels;

    private MnistDataset(byte[] pixels, byte[] labels)
    {
        _pixels = pixels;
        _labels = labels;
    }

    /// <summary>Number of images, equal to the number of labels.</summary>
    public int Count => _labels.Length;

    /// <summary>Image height in pixels.</summary>
    public int Height => ImageHeight;

    /// <summary>Image width in pixels.</summary>
    public int Width => ImageWidth;

    /// <summary>Digit labels 0 to 9, one per image.</summary>
    public ReadOnlySpan<byte> Labels => _labels;

    /// <summary>Original pixel bytes 0 to 255, shape (Count, 28, 28) row-major.</summary>
    public ReadOnlySpan<byte> RawPixels => _pixels;

    /// <summary>
    /// Loads <paramref name="split"/> from <paramref name="folder"/>, which contains the
    /// MNIST files under their original names (e.g. train-images-idx3-ubyte).
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataFileException">A file is not valid MNIST data.</exception>
    public static MnistDataset Load(string folder, MnistSplit split)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return LoadFiles(
            Path.Combine(folder, MnistFiles.ImagesOf(split).Name),
            Path.Combine(folder, MnistFiles.LabelsOf(split).Name));
    }

    /// <summary>
    /// Loads images and labels from two IDX files in the MNIST format: 28 x 28 unsigned
    /// byte images and one label 0 to 9 per image.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataFileException">A file is not valid MNIST data.</exception>
    public static MnistDataset LoadFiles(string imagesPath, string labelsPath)
    {
        IdxArray images = IdxReader.ReadUnsignedBytes(imagesPath, expectedRank: 3);
        int rows = images.Dimensions[1];
        int columns = images.Dimensions[2];
        if (rows != ImageHeight || columns != ImageWidth)
        {
            throw Invalid(imagesPath, $"images are {rows} x {columns} pixels, expected " +
                $"{ImageHeight} x {ImageWidth}");
        }

        IdxArray labels = IdxReader.ReadUnsignedBytes(labelsPath, expectedRank: 1);
        if (labels.Dimensions[0] != images.Dimensions[0])
        {
            throw Invalid(labelsPath, $"the file contains {labels.Dimensions[0]} labels but " +
                $"'{imagesPath}' contains {images.Dimensions[0]} images, and the counts must " +
                "be equal");
        }

        for (int i = 0; i < labels.Data.Length; i++)
        {
            if (labels.Data[i] > 9)
            {
                throw Invalid(labelsPath, $"the label at index {i} is {labels.Data[i]}, " +
                    "expected a digit 0 to 9");
            }
        }

        return new MnistDataset(images.Data, labels.Data);
    }

    /// <summary>Scales a pixel byte to [-1, 1] as <c>x / 127.5 - 1</c>.</summary>
    public static float ScalePixel(byte value) => value / 127.5f - 1f;

    /// <summary>
    /// Copies the images at <paramref name="indices"/>, scaled to [-1, 1], into
    /// <paramref name="destination"/> as (indices.Length, 784) row-major. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The destination length is not indices.Length x 784.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 0..Count-1.</exception>
    public void CopyImages(ReadOnlySpan<int> indices, Span<float> destination)
    {
        long expectedLength = (long)indices.Length * PixelsPerImage;
        if (destination.Length != expectedLength)
        {
            throw new ArgumentException(
                $"Destination of length {destination.Length} does not fit {indices.Length} " +
                $"images of {PixelsPerImage} pixels: expected length {expectedLength}.",
                nameof(destination));
        }

        ReadOnlySpan<float> scaled = ScaledValues;
        for (int i = 0; i < indices.Length; i++)
        {
            int index = CheckIndex(indices, i);
            ReadOnlySpan<byte> source = _pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
            Span<float> target = destination.Slice(i * PixelsPerImage, PixelsPerImage);
            for (int p = 0; p < PixelsPerImage; p++)
            {
                target[p] = scaled[source[p]];
            }
        }
    }

    /// <summary>
    /// Copies the labels at <paramref name="indices"/> into <paramref name="destination"/>,
    /// whose length must equal the number of indices. Allocates nothing.
    /// </summary>
    public void CopyLabels(ReadOnlySpan<int> indices, Span<byte> destination)
    {
        if (destination.Length != indices.Length)
        {
            throw new ArgumentException(
                $"Destination of length {destination.Length} does not fit {indices.Length} " +
                "labels: the lengths must be equal.",
                nameof(destination));
        }

        for (int i = 0; i < indices.Length; i++)
        {
            destination[i] = _labels[CheckIndex(indices, i)];
        }
    }

    /// <summary>
    /// Returns the images at <paramref name="indices"/>, scaled to [-1, 1], as a new tensor
    /// of shape (indices.Length, 1, 28, 28).
    /// </summary>
    public Tensor GetImages(ReadOnlySpan<int> indices)
    {
        var images = new Tensor(indices.Length, 1, ImageHeight, ImageWidth);
        CopyImages(indices, images.Data);
        return images;
    }

    private int CheckIndex(ReadOnlySpan<int> indices, int position)
    {
        int index = indices[position];
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(indices),
                $"Sample index {index} at position {position} is outside 0..{Count - 1}.");
        }

        return index;
    }

    private static InvalidDataFileException Invalid(string path, string problem)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return new InvalidDataFileException(
            path, $"Invalid MNIST file '{path}': {problem}. {MnistFiles.ReplaceHint(folder)}");
    }

    private static float[] CreateScaledValues()
    {
        var values = new float[256];
        for (int x = 0; x < values.Length; x++)
        {
            values[x] = ScalePixel((byte)x);
        }

        return values;
    }
}
