using NativeGan.Gan.Data;

namespace NativeGan.Gan.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadUnsignedBytes_ValidFile_ReturnsDimensions()
    {
        string path = Write("images", IdxTestFiles.Build(0x08, [3, 2, 5], new byte[30]));

        IdxArray array = IdxReader.ReadUnsignedBytes(path, expectedRank: 3);

        Assert.Equal(new[] { 3, 2, 5 }, array.Dimensions);
    }

    [Fact]
    public void ReadUnsignedBytes_ValidFile_ReturnsDataInOrder()
    {
        byte[] data = IdxTestFiles.RandomBytes(3 * 2 * 5, seed: 1);
        string path = Write("images", IdxTestFiles.Build(0x08, [3, 2, 5], data));

        IdxArray array = IdxReader.ReadUnsignedBytes(path, expectedRank: 3);

        Assert.Equal(data, array.Data);
    }

    [Fact]
    public void ReadUnsignedBytes_EmptyDimension_ReturnsNoData()
    {
        string path = Write("labels", IdxTestFiles.Build(0x08, [0], []));

        IdxArray array = IdxReader.ReadUnsignedBytes(path, expectedRank: 1);

        Assert.Empty(array.Data);
    }

    public static TheoryData<string, byte[], string> InvalidFiles()
    {
        byte[] valid = IdxTestFiles.Build(0x08, [2, 3, 4], new byte[24]);
        byte[] wrongMagic = (byte[])valid.Clone();
        wrongMagic[0] = 0x1F;
        wrongMagic[1] = 0x8B;
        return new TheoryData<string, byte[], string>
        {
            { "wrong magic", wrongMagic, "magic number 0x1F8B0803 does not start with two zero" },
            {
                "float32 type code",
                IdxTestFiles.Build(0x0D, [2, 3, 4], new byte[96]),
                "data type code 0x0D (float32), expected 0x08"
            },
            {
                "two dimensions",
                IdxTestFiles.Build(0x08, [6, 4], new byte[24]),
                "declares 2 dimensions, expected 3"
            },
            { "truncated data", valid[..^1], "expected 40 bytes" },
            { "extra byte", [.. valid, 0], "has 1 extra byte at the end" },
            { "shorter than magic", [0, 0, 8], "shorter than the 4-byte magic number" },
            { "truncated header", valid[..10], "shorter than the 16-byte header" },
            {
                "negative dimension",
                IdxTestFiles.Build(0x08, [2, -1, 4], []),
                "dimension 1 is 4294967295"
            },
            {
                "more values than an array holds",
                IdxTestFiles.Build(0x08, [65536, 65536, 1], []),
                "describe more than"
            },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void ReadUnsignedBytes_InvalidFile_NamesProblemPathAndFix(
        string fileName, byte[] bytes, string expectedProblem)
    {
        string path = Write(fileName, bytes);

        var error = Assert.Throws<InvalidDataFileException>(
            () => IdxReader.ReadUnsignedBytes(path, expectedRank: 3));

        Assert.Contains(expectedProblem, error.Message);
        Assert.Equal(path, error.FilePath);
        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains($"nativegan fetch --data {_folder.Path}", error.Message);
    }

    [Fact]
    public void ReadUnsignedBytes_TruncatedData_SaysTruncated()
    {
        byte[] valid = IdxTestFiles.Build(0x08, [2, 3, 4], new byte[24]);
        string path = Write("truncated", valid[..^5]);

        var error = Assert.Throws<InvalidDataFileException>(
            () => IdxReader.ReadUnsignedBytes(path, expectedRank: 3));

        Assert.Contains("35 bytes long, expected 40 bytes", error.Message);
        Assert.Contains("so it is truncated", error.Message);
    }

    [Fact]
    public void ReadUnsignedBytes_MissingFile_NamesPathAndFetchCommand()
    {
        string path = _folder.File("train-images-idx3-ubyte");

        var error = Assert.Throws<FileNotFoundException>(
            () => IdxReader.ReadUnsignedBytes(path, expectedRank: 3));

        Assert.Equal(path, error.FileName);
        Assert.Contains($"'{path}' not found", error.Message);
        Assert.Contains($"nativegan fetch --data {_folder.Path}", error.Message);
    }

    [Fact]
    public void ReadUnsignedBytes_MissingFolder_ThrowsFileNotFound()
    {
        string path = Path.Combine(_folder.Path, "absent", "train-labels-idx1-ubyte");

        var error = Assert.Throws<FileNotFoundException>(
            () => IdxReader.ReadUnsignedBytes(path, expectedRank: 1));

        Assert.Contains($"'{path}' not found", error.Message);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _folder.File(name.Replace(' ', '-'));
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
