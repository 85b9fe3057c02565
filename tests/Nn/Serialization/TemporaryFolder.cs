namespace NativeGan.Nn.Tests.Serialization;

/// <summary>A folder under the system temporary path, deleted with its files on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>Creates an empty folder with a unique name.</summary>
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(), "nativegan-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>Full path of the folder.</summary>
    public string Path { get; }

    /// <summary>Returns the full path of <paramref name="fileName"/> inside the folder.</summary>
    public string File(string fileName) => System.IO.Path.Combine(Path, fileName);

    /// <summary>Deletes the folder and everything in it.</summary>
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
