using NativeGan.Gan.Data;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Data;

public sealed class MnistDatasetTests : IDisposable
{
    private const int Pixels = 784;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_TrainSplit_ReadsCountAndLabels()
    {
        IdxTestFiles.WriteSplit(
            _folder.Path, MnistSplit.Train, new byte[3 * Pixels], [7, 0, 9]);

        MnistDataset dataset = MnistDataset.Load(_folder.Path, MnistSplit.Train);

        Assert.Equal(3, dataset.Count);
        Assert.Equal(new byte[] { 7, 0, 9 }, dataset.Labels.ToArray());
        Assert.Equal(28, dataset.Height);
        Assert.Equal(28, dataset.Width);
    }

    [Fact]
    public void Load_TestSplit_ReadsTestFiles()
    {
        IdxTestFiles.WriteSplit(_folder.Path, MnistSplit.Train, new byte[3 * Pixels], [1, 2, 3]);
        IdxTestFiles.WriteSplit(_folder.Path, MnistSplit.Test, new byte[2 * Pixels], [4, 5]);

        MnistDataset dataset = MnistDataset.Load(_folder.Path, MnistSplit.Test);

        Assert.Equal(new byte[] { 4, 5 }, dataset.Labels.ToArray());
    }

    [Theory]
    [InlineData(0, -1.0)]
    [InlineData(255, 1.0)]
    [InlineData(51, -0.6)]
    [InlineData(128, 0.003921568627)]
    public void ScalePixel_Byte_MapsToMinusOneToOne(byte value, double expected)
    {
        Assert.Equal(expected, MnistDataset.ScalePixel(value), tolerance: 1e-6);
    }

    [Fact]
    public void CopyImages_BlackAndWhite_GiveMinusOneAndOne()
    {
        byte[] pixels = new byte[2 * Pixels];
        pixels.AsSpan(Pixels).Fill(255);
        MnistDataset dataset = WriteAndLoad(pixels, [0, 1]);
        float[] batch = new float[2 * Pixels];

        dataset.CopyImages([0, 1], batch);

        Assert.All(batch[..Pixels], value => Assert.Equal(-1f, value));
        Assert.All(batch[Pixels..], value => Assert.Equal(1f, value));
    }

    [Fact]
    public void CopyImages_Indices_CopiesScaledImagesInOrder()
    {
        byte[] pixels = IdxTestFiles.RandomBytes(5 * Pixels, seed: 3);
        MnistDataset dataset = WriteAndLoad(pixels, [0, 1, 2, 3, 4]);
        int[] indices = [4, 0, 4, 2];
        float[] batch = new float[indices.Length * Pixels];

        dataset.CopyImages(indices, batch);

        for (int i = 0; i < indices.Length; i++)
        {
            for (int p = 0; p < Pixels; p++)
            {
                double expected = pixels[indices[i] * Pixels + p] / 127.5 - 1.0;
                Assert.Equal(expected, batch[i * Pixels + p], tolerance: 1e-6);
            }
        }
    }

    [Fact]
    public void CopyImages_WarmCall_AllocatesNothing()
    {
        MnistDataset dataset = WriteAndLoad(IdxTestFiles.RandomBytes(4 * Pixels, 4), [1, 2, 3, 4]);
        int[] indices = [3, 1];
        float[] batch = new float[indices.Length * Pixels];
        dataset.CopyImages(indices, batch);

        long before = GC.GetAllocatedBytesForCurrentThread();
        dataset.CopyImages(indices, batch);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void CopyImages_WrongDestinationLength_Throws()
    {
        MnistDataset dataset = WriteAndLoad(new byte[2 * Pixels], [0, 1]);

        var error = Assert.Throws<ArgumentException>(
            () => dataset.CopyImages([0, 1], new float[Pixels]));

        Assert.Contains("expected length 1568", error.Message);
    }

    [Fact]
    public void CopyImages_IndexOutOfRange_ThrowsNamingIndex()
    {
        MnistDataset dataset = WriteAndLoad(new byte[2 * Pixels], [0, 1]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => dataset.CopyImages([1, 2], new float[2 * Pixels]));

        Assert.Contains("Sample index 2 at position 1 is outside 0..1", error.Message);
    }

    [Fact]
    public void CopyLabels_Indices_CopiesLabelsInOrder()
    {
        MnistDataset dataset = WriteAndLoad(new byte[3 * Pixels], [5, 6, 7]);
        byte[] labels = new byte[3];

        dataset.CopyLabels([2, 2, 0], labels);

        Assert.Equal(new byte[] { 7, 7, 5 }, labels);
    }

    [Fact]
    public void GetImages_Indices_ReturnsBatchTensor()
    {
        byte[] pixels = IdxTestFiles.RandomBytes(3 * Pixels, seed: 5);
        MnistDataset dataset = WriteAndLoad(pixels, [0, 1, 2]);

        Tensor images = dataset.GetImages([2, 1]);

        Assert.Equal(new Shape(2, 1, 28, 28), images.Shape);
        Assert.Equal(MnistDataset.ScalePixel(pixels[2 * Pixels + 29]), images[0, 0, 1, 1]);
        Assert.Equal(MnistDataset.ScalePixel(pixels[Pixels + 783]), images[1, 0, 27, 27]);
    }

    [Fact]
    public void Load_CountMismatch_ThrowsNamingBothFiles()
    {
        IdxTestFiles.WriteSplit(_folder.Path, MnistSplit.Train, new byte[3 * Pixels], [1, 2]);

        var error = Assert.Throws<InvalidDataFileException>(
            () => MnistDataset.Load(_folder.Path, MnistSplit.Train));

        Assert.Contains("contains 2 labels", error.Message);
        Assert.Contains("contains 3 images", error.Message);
        Assert.Contains(_folder.File("train-labels-idx1-ubyte"), error.Message);
        Assert.Contains(_folder.File("train-images-idx3-ubyte"), error.Message);
    }

    [Fact]
    public void Load_LabelOutOfRange_ThrowsNamingIndexAndValue()
    {
        IdxTestFiles.WriteSplit(_folder.Path, MnistSplit.Train, new byte[3 * Pixels], [9, 10, 0]);

        var error = Assert.Throws<InvalidDataFileException>(
            () => MnistDataset.Load(_folder.Path, MnistSplit.Train));

        Assert.Contains("label at index 1 is 10", error.Message);
        Assert.Equal(_folder.File("train-labels-idx1-ubyte"), error.FilePath);
    }

    [Fact]
    public void Load_WrongImageSize_ThrowsNamingSize()
    {
        File.WriteAllBytes(
            _folder.File("train-images-idx3-ubyte"),
            IdxTestFiles.Build(0x08, [2, 27, 28], new byte[2 * 27 * 28]));
        File.WriteAllBytes(_folder.File("train-labels-idx1-ubyte"), IdxTestFiles.Labels([0, 1]));

        var error = Assert.Throws<InvalidDataFileException>(
            () => MnistDataset.Load(_folder.Path, MnistSplit.Train));

        Assert.Contains("images are 27 x 28 pixels, expected 28 x 28", error.Message);
    }

    [Fact]
    public void Load_MissingLabels_ThrowsNamingPath()
    {
        File.WriteAllBytes(
            _folder.File("t10k-images-idx3-ubyte"), IdxTestFiles.Images(new byte[Pixels]));
        string labelsPath = _folder.File("t10k-labels-idx1-ubyte");

        var error = Assert.Throws<FileNotFoundException>(
            () => MnistDataset.Load(_folder.Path, MnistSplit.Test));

        Assert.Equal(labelsPath, error.FileName);
        Assert.Contains("nativegan fetch --data", error.Message);
    }

    private MnistDataset WriteAndLoad(byte[] pixels, byte[] labels)
    {
        IdxTestFiles.WriteSplit(_folder.Path, MnistSplit.Train, pixels, labels);
        return MnistDataset.Load(_folder.Path, MnistSplit.Train);
    }
}
