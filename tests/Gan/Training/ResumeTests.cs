using NativeGan.Gan.Data;
using NativeGan.Gan.Tests.Data;
using NativeGan.Gan.Training;

namespace NativeGan.Gan.Tests.Training;

public sealed class ResumeTests : IDisposable
{
    private const int Images = 64;
    private readonly TempFolder _folder = new();
    private readonly MnistDataset _data;

    public ResumeTests()
    {
        IdxTestFiles.WriteSplit(
            _folder.Path,
            MnistSplit.Train,
            IdxTestFiles.RandomBytes(Images * 784, seed: 11),
            new byte[Images]);
        _data = MnistDataset.Load(_folder.Path, MnistSplit.Train);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Resume_AfterInterruptedEpoch_MatchesUninterruptedRun()
    {
        var uninterrupted = new GanTrainer(Config("whole"), _data);
        uninterrupted.Run();
        var interrupted = new GanTrainer(Config("split"), _data);
        using var cancellation = new CancellationTokenSource();
        interrupted.StepCompleted += step =>
        {
            // Stop in the middle of epoch 3, after its first steps were logged.
            if (step.Epoch == 3 && step.Step % 4 == 2)
            {
                cancellation.Cancel();
            }
        };
        Assert.Throws<OperationCanceledException>(() => interrupted.Run(cancellation: cancellation.Token));

        var resumed = new GanTrainer(Config("split"), _data);
        resumed.Resume();

        Assert.Equal(2, interrupted.CompletedEpochs);
        Assert.Equal(
            File.ReadAllText(uninterrupted.Folder.MetricsPath),
            File.ReadAllText(resumed.Folder.MetricsPath));
        Assert.Equal(
            File.ReadAllText(uninterrupted.Folder.GradientsPath),
            File.ReadAllText(resumed.Folder.GradientsPath));
        Assert.Equal(
            uninterrupted.Generator.StateDict()["net.6.weight"].Data,
            resumed.Generator.StateDict()["net.6.weight"].Data);
    }

    [Fact]
    public void Resume_WithoutCheckpoint_ThrowsAndNamesFolder()
    {
        var trainer = new GanTrainer(Config("empty"), _data);

        var error = Assert.Throws<InvalidDataException>(() => trainer.Resume());

        Assert.Contains(trainer.Folder.Root, error.Message);
    }

    private TrainingConfig Config(string name) => new()
    {
        Model = "mlp",
        DataFolder = _folder.Path,
        OutputFolder = _folder.File(name),
        Epochs = 4,
        BatchSize = 16,
        SampleCount = 4,
        MonitorEvery = 3,
        Seed = 5,
        Labels = new LabelOptions { Soft = true, FlipProbability = 0.1f },
    };
}
