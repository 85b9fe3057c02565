using NativeGan.Gan.Data;

namespace NativeGan.Gan.Tests.Data;

public sealed class MnistFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Verify_FetchedFolder_Passes()
    {
        string folder = await MnistTestData.GetFolderAsync();

        Exception? error = Record.Exception(() => MnistFiles.Verify(folder));

        Assert.Null(error);
    }

    [Fact]
    public void Verify_EmptyFolder_ThrowsNamingFirstMissingFile()
    {
        var error = Assert.Throws<FileNotFoundException>(() => MnistFiles.Verify(_folder.Path));

        Assert.Equal(_folder.File("train-images-idx3-ubyte"), error.FileName);
        Assert.Contains($"nativegan fetch --data {_folder.Path}", error.Message);
    }

    [Fact]
    public void Verify_WrongLength_ThrowsNamingLengths()
    {
        File.WriteAllBytes(_folder.File("train-images-idx3-ubyte"), new byte[5]);

        var error = Assert.Throws<InvalidDataFileException>(() => MnistFiles.Verify(_folder.Path));

        Assert.Contains("5 bytes long, expected 47040016 bytes", error.Message);
    }

    [Fact]
    public async Task Verify_ChangedByte_ThrowsNamingHashes()
    {
        string cache = await MnistTestData.GetFolderAsync();
        foreach (MnistFile file in MnistFiles.All)
        {
            File.Copy(Path.Combine(cache, file.Name), _folder.File(file.Name));
        }

        string labels = _folder.File("t10k-labels-idx1-ubyte");
        byte[] bytes = File.ReadAllBytes(labels);
        bytes[^1] ^= 1;
        File.WriteAllBytes(labels, bytes);

        var error = Assert.Throws<InvalidDataFileException>(() => MnistFiles.Verify(_folder.Path));

        Assert.Equal(labels, error.FilePath);
        Assert.Contains($"expected {MnistFiles.TestLabels.Sha256}", error.Message);
    }
}
