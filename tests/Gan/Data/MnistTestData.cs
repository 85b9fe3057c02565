using NativeGan.Gan.Data;

namespace NativeGan.Gan.Tests.Data;

/// <summary>
/// Real MNIST fetched once per test run into the repository's data/mnist folder (ignored by
/// git, so later runs find it there), or into a temporary folder outside a clone.
/// </summary>
internal static class MnistTestData
{
    private static readonly Lazy<Task<string>> Folder = new(FetchAsync);

    /// <summary>Returns the folder holding the four verified MNIST files.</summary>
    public static Task<string> GetFolderAsync() => Folder.Value;

    private static async Task<string> FetchAsync()
    {
        string folder = FindCacheFolder();
        await new MnistFetcher().FetchAsync(folder);
        return folder;
    }

    private static string FindCacheFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null;
            dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NativeGan.sln")))
            {
                return Path.Combine(dir.FullName, "data", "mnist");
            }
        }

        return Path.Combine(Path.GetTempPath(), "nativegan-test-mnist");
    }
}
