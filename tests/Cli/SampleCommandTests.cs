namespace NativeGan.Cli.Tests;

public sealed class SampleCommandTests : IDisposable
{
    private readonly SyntheticMnist _mnist = new(count: 32);

    public void Dispose() => _mnist.Dispose();

    [Fact]
    public void Sample_TrainedRun_WritesGrid()
    {
        string runFolder = _mnist.File("run");
        CliRunner.Run(
            "train", "--quality-every", "0", "--model", "mlp", "--data", _mnist.Folder, "--out", runFolder,
            "--epochs", "1", "--batch-size", "16");
        string grid = _mnist.File("grid.png");

        var (exitCode, _, error) = CliRunner.Run("sample", runFolder, "--count", "9", "--out", grid);

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.True(File.Exists(grid));
    }

    [Fact]
    public void Sample_NotARun_ExitsWithUsageError()
    {
        var (exitCode, _, error) = CliRunner.Run("sample", _mnist.Folder);

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains("not a run folder", error);
    }
}
