using System.Text.Json;

namespace NativeGan.Cli.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private const string QualityHeader =
        "epoch,fd,coverage_entropy,class_0,class_1,class_2,class_3,class_4,class_5,class_6," +
        "class_7,class_8,class_9";

    private readonly SyntheticMnist _mnist = new(count: 160);

    public EvalCommandTests()
    {
        // The synthetic training images double as the test split.
        File.Copy(_mnist.ImagesPath, _mnist.File("t10k-images-idx3-ubyte"));
        File.Copy(_mnist.LabelsPath, _mnist.File("t10k-labels-idx1-ubyte"));
    }

    public void Dispose() => _mnist.Dispose();

    [Fact]
    public void Eval_FolderWithoutConfig_ExitsWithUsageError()
    {
        string folder = _mnist.File("empty");
        Directory.CreateDirectory(folder);

        var (exitCode, _, error) = CliRunner.Run("eval", folder);

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains("is not a run folder", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Eval_MissingFolder_ExitsWithUsageError()
    {
        var (exitCode, _, error) = CliRunner.Run("eval", _mnist.File("absent"));

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains($"{_mnist.File("absent")} does not exist", error);
    }

    [Fact]
    public void Eval_NoRunArgument_ExitsWithUsageError()
    {
        var (exitCode, _, _) = CliRunner.Run("eval");

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
    }

    [Theory]
    [InlineData("--samples", "1")]
    [InlineData("--epoch", "0")]
    [InlineData("--threads", "0")]
    public void Eval_InvalidValue_ExitsWithUsageError(string option, string value)
    {
        var (exitCode, _, error) = CliRunner.Run("eval", _mnist.Folder, option, value);

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains(option, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Eval_RunWithoutCheckpoints_ExitsWithUsageError()
    {
        string run = WriteConfigOnly();

        var (exitCode, _, error) = CliRunner.Run("eval", run);

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains("has no checkpoints", error);
    }

    [Fact]
    public void Eval_MissingDataFolder_ExitsWithUsageError()
    {
        string run = TrainRun();

        var (exitCode, _, error) = CliRunner.Run("eval", run, "--data", _mnist.File("absent"));

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains("nativegan fetch", error);
    }

    [Fact]
    public void Eval_EpochWithoutCheckpoint_ListsAvailableEpochs()
    {
        string run = TrainRun();

        var (exitCode, _, error) = CliRunner.Run("eval", run, "--epoch", "3");

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains("no checkpoint of epoch 3", error);
        Assert.Contains("epochs 1, 2", error);
    }

    [Fact]
    public void Eval_TrainedRun_WritesOneRowPerEpoch()
    {
        string run = TrainRun();
        Assert.False(File.Exists(Path.Combine(run, "quality.csv")));

        var (exitCode, output, error) = CliRunner.Run(
            "eval", run, "--samples", "40", "--threads", "1");

        Assert.True(exitCode == ExitCodes.Success, error);
        string[] lines = File.ReadAllLines(Path.Combine(run, "quality.csv"));
        Assert.Equal(QualityHeader, lines[0]);
        Assert.Equal(["1", "2"], lines[1..].Select(line => line.Split(',')[0]));
        Assert.Contains("real", output);
    }

    [Fact]
    public void Eval_OneEpoch_KeepsOtherRows()
    {
        string run = TrainRun();
        Assert.Equal(ExitCodes.Success, CliRunner.Run("eval", run, "--samples", "40").ExitCode);
        string[] before = File.ReadAllLines(Path.Combine(run, "quality.csv"));

        var (exitCode, _, error) = CliRunner.Run(
            "eval", run, "--samples", "30", "--epoch", "2");

        Assert.True(exitCode == ExitCodes.Success, error);
        string[] after = File.ReadAllLines(Path.Combine(run, "quality.csv"));
        Assert.Equal(before[1], after[1]);
        Assert.NotEqual(before[2], after[2]);
    }

    [Fact]
    public void Eval_TrainedRun_CachesClassifierInDataFolder()
    {
        string run = TrainRun();

        CliRunner.Run("eval", run, "--samples", "20");

        Assert.True(File.Exists(
            Path.Combine(_mnist.Folder, "classifier", "mnist-classifier.safetensors")));
    }

    [Fact]
    public void Help_ListsEvalOptions()
    {
        var (exitCode, output, _) = CliRunner.Run("eval", "--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("--samples", output);
        Assert.Contains("--epoch", output);
        Assert.Contains("--data", output);
    }

    // Trains a two-epoch MLP run on the synthetic images and returns its folder. The trainer
    // scores no quality itself, so quality.csv comes from `eval` alone.
    private string TrainRun()
    {
        string run = _mnist.File("run");
        var (exitCode, _, error) = CliRunner.Run(
            "train", "--model", "mlp", "--data", _mnist.Folder, "--out", run, "--epochs", "2",
            "--batch-size", "32", "--threads", "1", "--quality-every", "0");
        Assert.True(exitCode == ExitCodes.Success, error);
        return run;
    }

    private string WriteConfigOnly()
    {
        string run = _mnist.File("config-only");
        Directory.CreateDirectory(run);
        var config = new { model = "mlp", dataFolder = _mnist.Folder };
        File.WriteAllText(Path.Combine(run, "config.json"), JsonSerializer.Serialize(config));
        return run;
    }
}
