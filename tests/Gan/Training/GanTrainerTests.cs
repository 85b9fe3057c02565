using NativeGan.Gan.Data;
using NativeGan.Gan.Models;
using NativeGan.Gan.Tests.Data;
using NativeGan.Gan.Training;
using NativeGan.Nn.Serialization;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Training;

public sealed class GanTrainerTests : IDisposable
{
    private const int Images = 96;
    private const int BatchSize = 32;
    private readonly TempFolder _folder = new();
    private readonly MnistDataset _data;

    public GanTrainerTests()
    {
        IdxTestFiles.WriteSplit(
            _folder.Path,
            MnistSplit.Train,
            IdxTestFiles.RandomBytes(Images * 784, seed: 3),
            IdxTestFiles.RandomBytes(Images, seed: 4).Select(b => (byte)(b % 10)).ToArray());
        _data = MnistDataset.Load(_folder.Path, MnistSplit.Train);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Run_TwoEpochs_WritesEveryOutput()
    {
        var trainer = new GanTrainer(Config("run"), _data);

        TrainingSummary summary = trainer.Run();

        RunFolder run = trainer.Folder;
        Assert.Equal(2 * Images / BatchSize, summary.Steps);
        Assert.True(File.Exists(run.ConfigPath));
        Assert.True(File.Exists(run.SummaryPath));
        Assert.True(File.Exists(run.SampleGridPath(1)));
        Assert.True(File.Exists(run.SampleGridPath(2)));
        Assert.True(File.Exists(run.CheckpointPath(2)));
        string[] rows = File.ReadAllLines(run.MetricsPath);
        Assert.Equal(StepMetrics.CsvHeader, rows[0]);
        Assert.Equal(1 + summary.Steps, rows.Length);
    }

    [Fact]
    public void Run_SameSeed_GivesIdenticalMetrics()
    {
        var first = new GanTrainer(Config("first"), _data);
        var second = new GanTrainer(Config("second"), _data);

        first.Run();
        second.Run();

        Assert.Equal(
            File.ReadAllText(first.Folder.MetricsPath),
            File.ReadAllText(second.Folder.MetricsPath));
    }

    [Fact]
    public void Run_OtherSeed_GivesOtherMetrics()
    {
        var first = new GanTrainer(Config("first"), _data);
        var second = new GanTrainer(Config("second") with { Seed = 99 }, _data);

        first.Run();
        second.Run();

        Assert.NotEqual(
            File.ReadAllText(first.Folder.MetricsPath),
            File.ReadAllText(second.Folder.MetricsPath));
    }

    [Fact]
    public void Run_LossesAreFinite()
    {
        var trainer = new GanTrainer(Config("run"), _data);
        var losses = new List<float>();
        trainer.StepCompleted += step => losses.Add(step.LossD + step.LossG);

        trainer.Run();

        Assert.All(losses, loss => Assert.True(float.IsFinite(loss)));
    }

    [Fact]
    public void Run_DivergingLoss_StopsAndKeepsLastCheckpoint()
    {
        // An absurd learning rate sends the weights to infinity within a few steps.
        var trainer = new GanTrainer(Config("run") with { LearningRate = 1e30f, Epochs = 3 }, _data);
        int finishedEpochs = 0;
        trainer.EpochCompleted += _ => finishedEpochs++;

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Run());

        Assert.Contains("diverged", error.Message);
        Assert.False(File.Exists(trainer.Folder.SummaryPath));
        Assert.Equal(finishedEpochs, trainer.Folder.LastCheckpointEpoch());
    }

    [Fact]
    public void Run_ExistingRun_IsRejectedAndKept()
    {
        new GanTrainer(Config("run"), _data).Run();
        string configPath = new RunFolder(_folder.File("run")).ConfigPath;
        DateTime written = File.GetLastWriteTimeUtc(configPath);

        var error = Assert.Throws<IOException>(() => new GanTrainer(Config("run"), _data).Run());

        Assert.Contains("--overwrite", error.Message);
        Assert.Equal(written, File.GetLastWriteTimeUtc(configPath));
    }

    [Fact]
    public void Checkpoint_LoadGenerator_RestoresTrainedWeights()
    {
        var trainer = new GanTrainer(Config("run"), _data);
        trainer.Run();
        var (fresh, _) = GanModelFactory.Create("mlp", 100, new Rng(1234));

        GanCheckpoint.LoadGenerator(trainer.Folder.CheckpointPath(2), fresh);

        Tensor trained = trainer.Generator.StateDict()["net.0.weight"];
        Assert.Equal(trained.Data, fresh.StateDict()["net.0.weight"].Data);
    }

    [Fact]
    public void Checkpoint_OtherArchitecture_IsRejectedWithFileName()
    {
        var trainer = new GanTrainer(Config("run"), _data);
        trainer.Run();
        var (wider, _) = GanModelFactory.Create("mlp", 64, new Rng(1));
        string path = trainer.Folder.CheckpointPath(1);

        var error = Assert.Throws<InvalidDataException>(() => GanCheckpoint.LoadGenerator(path, wider));

        Assert.Contains(path, error.Message);
        Assert.Contains("net.0.weight", error.Message);
    }

    [Fact]
    public void Checkpoint_Metadata_RecordsEpochAndStep()
    {
        var trainer = new GanTrainer(Config("run"), _data);
        trainer.Run();

        var metadata = SafeTensorsFile.Load(trainer.Folder.CheckpointPath(2)).Metadata;

        Assert.Equal("2", metadata["epoch"]);
        Assert.Equal((2 * Images / BatchSize).ToString(), metadata["step"]);
    }

    private TrainingConfig Config(string name) => new()
    {
        Model = "mlp",
        DataFolder = _folder.Path,
        OutputFolder = _folder.File(name),
        Epochs = 2,
        BatchSize = BatchSize,
        SampleCount = 16,
        Seed = 7,
    };
}
