using NativeGan.Nn.IO;
using NativeGan.Tensors;
using StbImageWriteSharp;

namespace NativeGan.Gan.Images;

/// <summary>
/// Batch of images tiled into one 8-bit picture, row by row, with padding around and
/// between the tiles, ready to save as PNG.
/// </summary>
/// <remarks>
/// Input values in [-1, 1] map linearly to 0..255 (-1 is black, 1 is white). Values outside
/// that range are clamped for display only, and NaN shows as 0. Each image is upscaled by
/// an integer factor with nearest-neighbour sampling. The padding is in output pixels and
/// does not scale.
/// </remarks>
public sealed class ImageGrid
{
    private readonly byte[] _pixels;

    private ImageGrid(
        byte[] pixels, int width, int height, int channels, int columns, int rows,
        int tileWidth, int tileHeight, int padding)
    {
        _pixels = pixels;
        Width = width;
        Height = height;
        Channels = channels;
        Columns = columns;
        Rows = rows;
        TileWidth = tileWidth;
        TileHeight = tileHeight;
        Padding = padding;
    }

    /// <summary>Width of the picture in pixels.</summary>
    public int Width { get; }

    /// <summary>Height of the picture in pixels.</summary>
    public int Height { get; }

    /// <summary>Channels per pixel: 1 (grey) or 3 (red, green, blue).</summary>
    public int Channels { get; }

    /// <summary>Number of tiles per row.</summary>
    public int Columns { get; }

    /// <summary>Number of rows of tiles.</summary>
    public int Rows { get; }

    /// <summary>Width of one tile in output pixels: the image width times the scale.</summary>
    public int TileWidth { get; }

    /// <summary>Height of one tile in output pixels: the image height times the scale.</summary>
    public int TileHeight { get; }

    /// <summary>Padding in output pixels around and between the tiles.</summary>
    public int Padding { get; }

    /// <summary>
    /// Pixel values 0..255, shape (Height, Width, Channels) row-major, channels interleaved.
    /// </summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>
    /// Tiles <paramref name="images"/>, shape (N, C, H, W) with C = 1 or 3 and values in
    /// [-1, 1], into a grid of <paramref name="columns"/> tiles per row.
    /// </summary>
    /// <param name="images">Batch to show, shape (N, C, H, W), N at least 1.</param>
    /// <param name="columns">Tiles per row; ceil(sqrt(N)) when null.</param>
    /// <param name="scale">Integer upscale factor of each image, at least 1.</param>
    /// <param name="padding">Padding in output pixels, zero or more.</param>
    /// <param name="paddingValue">Grey level 0..255 of the padding and of empty tiles.</param>
    public static ImageGrid FromImages(
        Tensor images, int? columns = null, int scale = 1, int padding = 2,
        byte paddingValue = 128)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Rank != 4 || images.Shape[0] < 1 || images.Shape[1] is not (1 or 3))
        {
            throw new ArgumentException(
                $"Images of shape {images.Shape} cannot form a grid: expected (N, C, H, W) " +
                "with N >= 1 and C = 1 (grey) or 3 (RGB).", nameof(images));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        int count = images.Shape[0];
        int gridColumns = columns ?? (int)Math.Ceiling(Math.Sqrt(count));
        ArgumentOutOfRangeException.ThrowIfLessThan(gridColumns, 1, nameof(columns));

        int channels = images.Shape[1];
        int rows = (count + gridColumns - 1) / gridColumns;

        // Sizes in double first: the integer products below can overflow for huge inputs.
        double tileWidthEstimate = (double)images.Shape[3] * scale;
        double tileHeightEstimate = (double)images.Shape[2] * scale;
        double widthEstimate = gridColumns * (tileWidthEstimate + padding) + padding;
        double heightEstimate = rows * (tileHeightEstimate + padding) + padding;
        if (widthEstimate * heightEstimate * channels > Array.MaxLength)
        {
            throw new ArgumentException(
                $"A grid of {rows} x {gridColumns} tiles of {tileHeightEstimate} x " +
                $"{tileWidthEstimate} pixels ({heightEstimate} x {widthEstimate}) is too large " +
                "for one picture.", nameof(images));
        }

        int tileWidth = images.Shape[3] * scale;
        int tileHeight = images.Shape[2] * scale;
        int width = gridColumns * (tileWidth + padding) + padding;
        int height = rows * (tileHeight + padding) + padding;
        byte[] pixels = new byte[width * height * channels];
        pixels.AsSpan().Fill(paddingValue);
        var grid = new ImageGrid(
            pixels, width, height, channels, gridColumns, rows, tileWidth, tileHeight, padding);
        for (int n = 0; n < count; n++)
        {
            grid.DrawTile(images, n, scale);
        }

        return grid;
    }

    /// <summary>
    /// Maps a value in [-1, 1] to 0..255 and clamps values outside that range. NaN maps to 0.
    /// </summary>
    public static byte ToByte(float value)
    {
        if (float.IsNaN(value))
        {
            return 0;
        }

        float clamped = Math.Clamp(value, -1f, 1f);
        return (byte)MathF.Round((clamped + 1f) * 127.5f, MidpointRounding.AwayFromZero);
    }

    /// <summary>Returns the top-left output pixel of tile <paramref name="index"/>.</summary>
    public (int X, int Y) GetTileOrigin(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Rows * Columns);
        int row = index / Columns;
        int column = index % Columns;
        return (Padding + column * (TileWidth + Padding), Padding + row * (TileHeight + Padding));
    }

    /// <summary>Encodes the grid as a PNG file in memory.</summary>
    public byte[] EncodePng()
    {
        using var stream = new MemoryStream();
        WritePng(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Saves the grid as a PNG file at <paramref name="path"/> through a temporary file and a
    /// rename, so that a reader never sees a half-written picture.
    /// </summary>
    public void SavePng(string path) => AtomicFile.Write(path, WritePng);

    private void WritePng(Stream stream)
    {
        ColorComponents components = Channels == 1
            ? ColorComponents.Grey
            : ColorComponents.RedGreenBlue;
        new ImageWriter().WritePng(_pixels, Width, Height, components, stream);
    }

    private void DrawTile(Tensor images, int index, int scale)
    {
        int imageHeight = images.Shape[2];
        int imageWidth = images.Shape[3];
        ReadOnlySpan<float> data = images.Data;
        (int originX, int originY) = GetTileOrigin(index);
        for (int c = 0; c < Channels; c++)
        {
            int plane = (index * Channels + c) * imageHeight * imageWidth;
            for (int y = 0; y < TileHeight; y++)
            {
                int sourceRow = plane + y / scale * imageWidth;
                int targetRow = ((originY + y) * Width + originX) * Channels + c;
                for (int x = 0; x < TileWidth; x++)
                {
                    _pixels[targetRow + x * Channels] = ToByte(data[sourceRow + x / scale]);
                }
            }
        }
    }
}
