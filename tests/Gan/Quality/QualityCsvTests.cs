using NativeGan.Gan.Quality;
using NativeGan.Gan.Tests.Data;

namespace NativeGan.Gan.Tests.Quality;

public sealed class QualityCsvTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string CsvPath => _folder.File(QualityCsv.FileName);

    [Fact]
    public void Header_ListsColumnsInOrder()
    {
        Assert.Equal(
            "epoch,fd,coverage_entropy,class_0,class_1,class_2,class_3,class_4,class_5," +
            "class_6,class_7,class_8,class_9",
            QualityCsv.Header);
    }

    [Fact]
    public void Write_OneRow_FormatsNumbersWithSevenDigits()
    {
        QualityCsv.Write(CsvPath, [Row(3, 12.3456789, 2.30258509)]);

        string[] lines = File.ReadAllLines(CsvPath);
        Assert.Equal(QualityCsv.Header, lines[0]);
        Assert.Equal("3,12.34568,2.302585,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1", lines[1]);
    }

    [Fact]
    public void Write_UnsortedRows_WritesIncreasingEpochs()
    {
        QualityCsv.Write(CsvPath, [Row(5, 1, 2), Row(1, 3, 2), Row(2, 2, 2)]);

        int[] epochs = QualityCsv.Read(CsvPath).Select(row => row.Epoch).ToArray();
        Assert.Equal([1, 2, 5], epochs);
    }

    [Fact]
    public void Write_DuplicateEpoch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => QualityCsv.Write(CsvPath, [Row(2, 1, 2), Row(2, 3, 2)]));

        Assert.Contains("epoch 2", error.Message);
    }

    [Fact]
    public void Write_NineShares_Throws()
    {
        var row = new EpochQuality(1, new QualityScore(1, 2, new double[9]));

        var error = Assert.Throws<ArgumentException>(() => QualityCsv.Write(CsvPath, [row]));

        Assert.Contains("9 class shares", error.Message);
    }

    [Fact]
    public void Write_Success_LeavesNoTemporaryFile()
    {
        QualityCsv.Write(CsvPath, [Row(1, 1, 2)]);

        Assert.Equal([CsvPath], Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Read_WrittenRows_RoundTripsValues()
    {
        double[] shares = [0.5, 0.25, 0.125, 0.0625, 0.0625, 0, 0, 0, 0, 0];
        QualityCsv.Write(CsvPath, [new EpochQuality(4, new QualityScore(0.75, 1.5, shares))]);

        EpochQuality row = Assert.Single(QualityCsv.Read(CsvPath));

        Assert.Equal(4, row.Epoch);
        Assert.Equal(0.75, row.Score.FrechetDistance);
        Assert.Equal(1.5, row.Score.CoverageEntropy);
        Assert.Equal(shares, row.Score.ClassShares);
    }

    [Fact]
    public void Read_MissingFile_ReturnsNoRows()
    {
        Assert.Empty(QualityCsv.Read(CsvPath));
    }

    [Fact]
    public void Read_OtherHeader_ThrowsNamingFile()
    {
        File.WriteAllText(CsvPath, "epoch,fid\n1,2\n");

        var error = Assert.Throws<InvalidDataException>(() => QualityCsv.Read(CsvPath));

        Assert.Contains(CsvPath, error.Message);
    }

    [Fact]
    public void Read_ShortRow_ThrowsNamingLine()
    {
        File.WriteAllText(CsvPath, QualityCsv.Header + "\n1,2,3\n");

        var error = Assert.Throws<InvalidDataException>(() => QualityCsv.Read(CsvPath));

        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Merge_SameEpoch_ReplacesRow()
    {
        QualityCsv.Write(CsvPath, [Row(1, 9, 2), Row(2, 8, 2)]);

        QualityCsv.Merge(CsvPath, [Row(2, 4, 2)]);

        IReadOnlyList<EpochQuality> rows = QualityCsv.Read(CsvPath);
        Assert.Equal([9.0, 4.0], rows.Select(row => row.Score.FrechetDistance));
    }

    [Fact]
    public void Merge_NewEpoch_KeepsExistingRows()
    {
        QualityCsv.Write(CsvPath, [Row(1, 9, 2), Row(3, 7, 2)]);

        QualityCsv.Merge(CsvPath, [Row(2, 8, 2)]);

        int[] epochs = QualityCsv.Read(CsvPath).Select(row => row.Epoch).ToArray();
        Assert.Equal([1, 2, 3], epochs);
    }

    [Fact]
    public void Merge_MissingFile_CreatesIt()
    {
        QualityCsv.Merge(CsvPath, [Row(1, 9, 2)]);

        Assert.Single(QualityCsv.Read(CsvPath));
    }

    private static EpochQuality Row(int epoch, double distance, double entropy) =>
        new(epoch, new QualityScore(distance, entropy, Enumerable.Repeat(0.1, 10).ToArray()));
}
