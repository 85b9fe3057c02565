using System.Text.Json;

namespace NativeGan.Cli.Tests;

public sealed class TrainConfigOptionTests : IDisposable
{
    private readonly SyntheticMnist _mnist = new(count: 48);

    public void Dispose() => _mnist.Dispose();

    [Theory]
    [InlineData("--real-labels", "0.9:0.8")]
    [InlineData("--fake-labels", "0.1")]
    [InlineData("--flip-labels", "1.5")]
    [InlineData("--g-loss", "wasserstein")]
    [InlineData("--monitor-every", "-1")]
    public void Train_InvalidTrickValue_ExitsWithUsageError(string option, string value)
    {
        var (exitCode, _, error) = CliRunner.Run("train", "--quality-every", "0", "--data", _mnist.Folder, option, value);

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains(option, error);
    }

    [Fact]
    public void Train_ConfigWithUnknownField_NamesFieldAndFile()
    {
        string path = _mnist.File("config.json");
        File.WriteAllText(path, """{ "epochs": 1, "softLabel": true }""");

        var (exitCode, _, error) = CliRunner.Run("train", "--quality-every", "0", "--config", path);

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains("softLabel", error);
        Assert.Contains(path, error);
    }

    [Fact]
    public void Train_ConfigWithInvalidRange_NamesField()
    {
        string path = _mnist.File("config.json");
        File.WriteAllText(path, $$"""
            { "dataFolder": "{{_mnist.Folder}}", "labels": { "realLow": 0.95, "realHigh": 0.9 } }
            """);

        var (exitCode, _, error) = CliRunner.Run("train", "--quality-every", "0", "--config", path);

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains("labels.RealLow", error);
    }

    [Fact]
    public void Train_CommandLineOverridesConfig()
    {
        string path = _mnist.File("config.json");
        string runFolder = _mnist.File("run");
        File.WriteAllText(path, $$"""
            { "dataFolder": "{{_mnist.Folder}}", "epochs": 5, "batchSize": 16, "sampleCount": 4 }
            """);

        var (exitCode, _, error) = CliRunner.Run(
            "train", "--quality-every", "0", "--config", path, "--epochs", "1", "--out", runFolder, "--soft-labels");

        Assert.True(exitCode == ExitCodes.Success, error);
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "config.json")));
        Assert.Equal(1, written.RootElement.GetProperty("epochs").GetInt32());
        Assert.Equal(16, written.RootElement.GetProperty("batchSize").GetInt32());
        Assert.True(written.RootElement.GetProperty("labels").GetProperty("soft").GetBoolean());
    }

    [Fact]
    public void Resume_FolderWithoutRun_ExitsWithUsageError()
    {
        var (exitCode, _, error) = CliRunner.Run("train", "--quality-every", "0", "--resume", _mnist.Folder);

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains("not a run folder", error);
    }

    [Fact]
    public void Resume_FinishedRunWithMoreEpochs_Continues()
    {
        string runFolder = _mnist.File("run");
        CliRunner.Run(
            "train", "--quality-every", "0", "--data", _mnist.Folder, "--out", runFolder, "--epochs", "1",
            "--batch-size", "16");
        string configPath = Path.Combine(runFolder, "config.json");
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"epochs\": 1", "\"epochs\": 2"));

        var (exitCode, output, error) = CliRunner.Run("train", "--quality-every", "0", "--resume", runFolder);

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.True(File.Exists(Path.Combine(runFolder, "samples", "epoch-0002.png")));
        Assert.Contains("6 steps", output);
    }
}
