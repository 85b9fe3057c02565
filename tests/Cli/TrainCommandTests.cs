namespace NativeGan.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly SyntheticMnist _mnist = new(count: 64);

    public void Dispose() => _mnist.Dispose();

    [Theory]
    [InlineData("--batch-size", "0")]
    [InlineData("--epochs", "-1")]
    [InlineData("--epochs", "0")]
    [InlineData("--lr", "-0.1")]
    [InlineData("--threads", "0")]
    [InlineData("--train-samples", "-5")]
    public void Train_InvalidValue_ExitsWithUsageError(string option, string value)
    {
        var (exitCode, _, error) = CliRunner.Run("train", "--quality-every", "0", "--data", _mnist.Folder, option, value);

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains(option, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Train_UnknownOption_ExitsWithUsageError()
    {
        var (exitCode, _, error) = CliRunner.Run("train", "--quality-every", "0", "--epoch", "3");

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains("--epoch", error);
    }

    [Fact]
    public void Train_UnknownModel_ExitsWithUsageError()
    {
        var (exitCode, _, error) = CliRunner.Run("train", "--quality-every", "0", "--model", "resnet");

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains("resnet", error);
    }

    [Fact]
    public void Train_MissingDataFolder_ExplainsHowToFetch()
    {
        string missing = _mnist.File("absent");

        var (exitCode, _, error) = CliRunner.Run("train", "--quality-every", "0", "--data", missing);

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains(missing, error);
        Assert.Contains("nativegan fetch", error);
    }

    [Fact]
    public void Train_TruncatedImages_FailsWithoutRunFolder()
    {
        byte[] images = File.ReadAllBytes(_mnist.ImagesPath);
        File.WriteAllBytes(_mnist.ImagesPath, images[..(images.Length - 100)]);
        string runFolder = _mnist.File("run");

        var (exitCode, _, error) = CliRunner.Run(
            "train", "--quality-every", "0", "--data", _mnist.Folder, "--out", runFolder);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("train-images-idx3-ubyte", error);
        Assert.False(Directory.Exists(runFolder));
    }

    [Fact]
    public void Help_ListsTrainOptions()
    {
        var (exitCode, output, _) = CliRunner.Run("train", "--quality-every", "0", "--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("--batch-size", output);
        Assert.Contains("--epochs", output);
        Assert.Contains("--seed", output);
    }

    [Fact]
    public void Train_SyntheticData_WritesGridsAndSummary()
    {
        string runFolder = _mnist.File("run");

        var (exitCode, output, error) = CliRunner.Run(
            "train", "--quality-every", "0", "--data", _mnist.Folder, "--out", runFolder, "--epochs", "2",
            "--batch-size", "16", "--threads", "1");

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.True(File.Exists(Path.Combine(runFolder, "samples", "epoch-0002.png")));
        Assert.True(File.Exists(Path.Combine(runFolder, "summary.json")));
        Assert.Contains("8 steps", output);
    }
}
