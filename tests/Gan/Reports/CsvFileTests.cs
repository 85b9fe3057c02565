using NativeGan.Gan.Reports;

namespace NativeGan.Gan.Tests.Reports;

public sealed class CsvFileTests : IDisposable
{
    private readonly string _path =
        Path.Combine(Path.GetTempPath(), $"nativegan-csv-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    private CsvFile? Read(string text, params string[] required)
    {
        File.WriteAllText(_path, text);
        return CsvFile.Read(_path, required);
    }

    [Fact]
    public void Read_MissingFile_ReturnsNull()
    {
        Assert.Null(CsvFile.Read(_path, ["step"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("step,loss\n")]
    [InlineData("step,loss\n\n")]
    public void Read_NoDataRows_ReturnsNull(string text)
    {
        Assert.Null(Read(text, "step"));
    }

    [Fact]
    public void Read_ColumnsByName_IgnoresExtraColumns()
    {
        CsvFile file = Read("extra,step,loss\nx,1,0.5\ny,2,0.25\n", "step", "loss")!;

        Assert.Equal([1L, 2L], file.Integers("step"));
        Assert.Equal([0.5, 0.25], file.Numbers("loss"));
        Assert.Equal(["x", "y"], file.Texts("extra"));
    }

    [Fact]
    public void Read_WindowsLineEnds_ParsesCells()
    {
        CsvFile file = Read("step,loss\r\n1,0.5\r\n2,NaN\r\n", "loss")!;

        Assert.Equal(0.5, file.Numbers("loss")[0]);
        Assert.True(double.IsNaN(file.Numbers("loss")[1]));
    }

    [Fact]
    public void Read_BlankLineBetweenRows_KeepsLineNumbers()
    {
        CsvFile file = Read("step,loss\n1,0.5\n\n2,0.25\n", "loss")!;

        Assert.Equal(2, file.RowCount);
        Assert.Equal(4, file.LineNumber(1));
    }

    [Theory]
    [InlineData("step,loss\n1,0.5\n2")]
    [InlineData("step,loss\n1,0.5\n2,")]
    public void Read_UnfinishedLastLine_IsDropped(string text)
    {
        Assert.Equal(1, Read(text, "loss")!.RowCount);
    }

    [Fact]
    public void Read_FinishedLastLineWithoutBreak_IsKept()
    {
        Assert.Equal(2, Read("step,loss\n1,0.5\n2,0.25", "loss")!.RowCount);
    }

    [Fact]
    public void Read_ShortRowFollowedByLineBreak_Throws()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => Read("step,loss\n1,0.5\n2\n", "loss"));

        Assert.Contains($"{_path} line 3 has 1 cells, expected 2", error.Message);
    }

    [Fact]
    public void Integers_NegativeValue_ThrowsNamingLine()
    {
        CsvFile file = Read("step,loss\n1,0.5\n-2,0.5\n", "step")!;

        var error = Assert.Throws<InvalidDataException>(() => file.Integers("step"));

        Assert.Contains($"{_path} line 3: column 'step' contains '-2'", error.Message);
    }
}
