using NativeGan.Gan.Images;
using NativeGan.Gan.Tests.Data;
using NativeGan.Tensors;
using StbImageSharp;

namespace NativeGan.Gan.Tests.Images;

public sealed class ImageGridTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void FromImages_FiveImages_UsesCeilSqrtColumns()
    {
        ImageGrid grid = ImageGrid.FromImages(RandomImages(5, 1, 3, 4, seed: 1));

        Assert.Equal(3, grid.Columns);
        Assert.Equal(2, grid.Rows);
    }

    [Fact]
    public void EncodePng_FiveGreyImages_DecodesToGridSize()
    {
        ImageGrid grid = ImageGrid.FromImages(RandomImages(5, 1, 3, 4, seed: 1));

        ImageResult png = ImageResult.FromMemory(grid.EncodePng());

        // 3 columns of 4 pixels and 2 rows of 3 pixels, with 2 pixels around each tile.
        Assert.Equal(3 * (4 + 2) + 2, png.Width);
        Assert.Equal(2 * (3 + 2) + 2, png.Height);
        Assert.Equal(ColorComponents.Grey, png.SourceComp);
    }

    [Fact]
    public void EncodePng_GreyImages_DecodesToTilePixels()
    {
        Tensor images = RandomImages(5, 1, 3, 4, seed: 2);
        ImageGrid grid = ImageGrid.FromImages(images);

        ImageResult png = ImageResult.FromMemory(grid.EncodePng(), ColorComponents.Grey);

        for (int n = 0; n < 5; n++)
        {
            (int x0, int y0) = grid.GetTileOrigin(n);
            for (int y = 0; y < 3; y++)
            {
                for (int x = 0; x < 4; x++)
                {
                    byte expected = ExpectedByte(images[n, 0, y, x]);
                    Assert.Equal(expected, png.Data[(y0 + y) * png.Width + x0 + x]);
                }
            }
        }
    }

    [Fact]
    public void EncodePng_GreyImages_FillsPaddingAndEmptyTile()
    {
        ImageGrid grid = ImageGrid.FromImages(RandomImages(5, 1, 3, 4, seed: 3));

        ImageResult png = ImageResult.FromMemory(grid.EncodePng(), ColorComponents.Grey);

        (int x5, int y5) = grid.GetTileOrigin(5);
        Assert.Equal(128, png.Data[0]);
        Assert.Equal(128, png.Data[2 * png.Width + 7]);
        Assert.Equal(128, png.Data[(y5 + 1) * png.Width + x5 + 2]);
    }

    [Fact]
    public void EncodePng_RgbImages_DecodesToChannelValues()
    {
        Tensor images = RandomImages(2, 3, 2, 3, seed: 4);
        ImageGrid grid = ImageGrid.FromImages(images, columns: 1);

        ImageResult png = ImageResult.FromMemory(grid.EncodePng(), ColorComponents.RedGreenBlue);

        Assert.Equal(ColorComponents.RedGreenBlue, png.SourceComp);
        for (int n = 0; n < 2; n++)
        {
            (int x0, int y0) = grid.GetTileOrigin(n);
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < 2; y++)
                {
                    for (int x = 0; x < 3; x++)
                    {
                        int offset = ((y0 + y) * png.Width + x0 + x) * 3 + c;
                        Assert.Equal(ExpectedByte(images[n, c, y, x]), png.Data[offset]);
                    }
                }
            }
        }
    }

    [Fact]
    public void FromImages_ScaleThree_RepeatsEachPixelInBlock()
    {
        Tensor images = RandomImages(2, 1, 2, 2, seed: 5);

        ImageGrid grid = ImageGrid.FromImages(images, columns: 2, scale: 3);

        Assert.Equal(2 * (6 + 2) + 2, grid.Width);
        Assert.Equal(6 + 2 + 2, grid.Height);
        (int x0, int y0) = grid.GetTileOrigin(1);
        for (int y = 0; y < 6; y++)
        {
            for (int x = 0; x < 6; x++)
            {
                byte expected = ExpectedByte(images[1, 0, y / 3, x / 3]);
                Assert.Equal(expected, grid.Pixels[(y0 + y) * grid.Width + x0 + x]);
            }
        }
    }

    [Theory]
    [InlineData(-1f, 0)]
    [InlineData(1f, 255)]
    [InlineData(0f, 128)]
    [InlineData(-0.5f, 64)]
    [InlineData(2f, 255)]
    [InlineData(-3f, 0)]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 255)]
    public void ToByte_Value_MapsToDisplayRange(float value, byte expected)
    {
        Assert.Equal(expected, ImageGrid.ToByte(value));
    }

    [Fact]
    public void SavePng_Grid_WritesDecodableFileOnly()
    {
        ImageGrid grid = ImageGrid.FromImages(RandomImages(4, 1, 5, 5, seed: 6), scale: 2);
        string path = _folder.File("samples.png");

        grid.SavePng(path);

        ImageResult png = ImageResult.FromMemory(File.ReadAllBytes(path), ColorComponents.Grey);
        Assert.Equal(grid.Pixels.ToArray(), png.Data);
        Assert.Equal([path], Directory.GetFiles(_folder.Path));
    }

    public static TheoryData<int[]> InvalidShapes() => new()
    {
        new[] { 4, 28, 28 },
        new[] { 4, 2, 28, 28 },
        new[] { 0, 1, 28, 28 },
    };

    [Theory]
    [MemberData(nameof(InvalidShapes))]
    public void FromImages_InvalidShape_ThrowsNamingShape(int[] shape)
    {
        var images = new Tensor(shape);

        var error = Assert.Throws<ArgumentException>(() => ImageGrid.FromImages(images));

        Assert.Contains(images.Shape.ToString(), error.Message);
    }

    [Theory]
    [InlineData(0, 1, 2)]
    [InlineData(2, 0, 2)]
    [InlineData(2, 1, -1)]
    public void FromImages_InvalidLayout_Throws(int columns, int scale, int padding)
    {
        Tensor images = RandomImages(2, 1, 2, 2, seed: 7);

        Assert.Throws<ArgumentOutOfRangeException>(
            () => ImageGrid.FromImages(images, columns, scale, padding));
    }

    [Fact]
    public void FromImages_HugeScale_ThrowsTooLarge()
    {
        Tensor images = RandomImages(1, 1, 1, 1, seed: 8);

        var error = Assert.Throws<ArgumentException>(
            () => ImageGrid.FromImages(images, scale: 100_000));

        Assert.Contains("is too large for one picture", error.Message);
    }

    // Reference mapping in double: [-1, 1] to 0..255, halves rounded up.
    private static byte ExpectedByte(float value) =>
        (byte)Math.Floor((Math.Clamp((double)value, -1.0, 1.0) + 1.0) * 127.5 + 0.5);

    // Values slightly beyond [-1, 1], so that clamping is exercised too.
    private static Tensor RandomImages(int count, int channels, int height, int width, int seed)
    {
        var images = new Tensor(count, channels, height, width);
        new Rng((ulong)seed).FillUniform(images.Data, -1.1f, 1.1f);
        return images;
    }
}
