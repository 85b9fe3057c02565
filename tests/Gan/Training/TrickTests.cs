using NativeGan.Gan.Data;
using NativeGan.Gan.Models;
using NativeGan.Gan.Tests.Data;
using NativeGan.Gan.Training;
using NativeGan.Gan.Vae;
using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Training;

public sealed class TrickTests : IDisposable
{
    private const int Images = 64;
    private readonly TempFolder _folder = new();
    private readonly MnistDataset _data;

    public TrickTests()
    {
        IdxTestFiles.WriteSplit(
            _folder.Path,
            MnistSplit.Train,
            IdxTestFiles.RandomBytes(Images * 784, seed: 21),
            new byte[Images]);
        _data = MnistDataset.Load(_folder.Path, MnistSplit.Train);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WarmStart_GeneratorEqualsDecoderBeforeTraining()
    {
        string checkpoint = TrainVae(latentSize: 100);

        var trainer = new GanTrainer(Config("gan") with { WarmStart = checkpoint }, _data);

        Dictionary<string, Tensor> saved = Nn.Serialization.SafeTensorsFile.Load(checkpoint).Tensors
            .Where(t => t.Key.StartsWith("decoder.", StringComparison.Ordinal))
            .ToDictionary(t => t.Key["decoder.".Length..], t => t.Value);
        foreach (var (name, tensor) in trainer.Generator.StateDict())
        {
            Assert.Equal(saved[name].Data, tensor.Data);
        }
    }

    [Fact]
    public void WarmStart_OtherLatentSize_IsRejectedWithFileName()
    {
        string checkpoint = TrainVae(latentSize: 16);

        var error = Assert.Throws<InvalidDataException>(
            () => new GanTrainer(Config("gan") with { WarmStart = checkpoint }, _data));

        Assert.Contains(checkpoint, error.Message);
    }

    [Fact]
    public void WarmStart_GanCheckpoint_IsRejected()
    {
        var first = new GanTrainer(Config("first") with { Epochs = 1 }, _data);
        first.Run();
        string ganCheckpoint = first.Folder.CheckpointPath(1);

        var error = Assert.Throws<InvalidDataException>(
            () => new GanTrainer(Config("gan") with { WarmStart = ganCheckpoint }, _data));

        Assert.Contains("not a NativeGan VAE checkpoint", error.Message);
    }

    [Fact]
    public void PretrainDiscriminator_LogsEachStepAndTrainsD()
    {
        var trainer = new GanTrainer(
            Config("gan") with { Epochs = 1, PretrainDiscriminatorSteps = 5 }, _data);
        var discriminatorBefore = Copy(trainer.Discriminator);

        trainer.Run();

        string[] rows = File.ReadAllLines(trainer.Folder.PretrainPath);
        Assert.Equal(1 + 5, rows.Length);
        Assert.NotEqual(
            discriminatorBefore["net.0.weight"],
            trainer.Discriminator.StateDict()["net.0.weight"].Data);
    }

    [Fact]
    public void RunDiscriminatorOnly_LeavesGeneratorUnchanged()
    {
        var (generator, discriminator) = GanModelFactory.Create("mlp", 100, new Rng(1));
        var step = new GanStep(
            generator, discriminator, new Adam(generator.Parameters()),
            new Adam(discriminator.Parameters()), new Rng(2));
        var before = Copy(generator);

        step.RunDiscriminatorOnly(_data.GetImages(Enumerable.Range(0, 8).ToArray()));

        foreach (var (name, tensor) in generator.StateDict())
        {
            Assert.Equal(before[name], tensor.Data);
        }

        Assert.All(generator.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void MinimaxLoss_IsNegativeBceOnFakeLabel()
    {
        var (generator, discriminator) = GanModelFactory.Create("mlp", 100, new Rng(1));
        var step = new GanStep(
            generator, discriminator, new Adam(generator.Parameters(), 0f),
            new Adam(discriminator.Parameters(), 0f), new Rng(2),
            generatorLoss: GeneratorLoss.Minimax);

        StepMetrics metrics = step.Run(_data.GetImages(Enumerable.Range(0, 8).ToArray()));

        // With zero learning rates D is unchanged, so log(1 - D(G(z))) is near log(1 - d_g_z).
        Assert.True(metrics.LossG < 0f);
        Assert.Equal(Math.Log(1 - metrics.DFake), metrics.LossG, 1);
    }

    [Fact]
    public void ReversedLabels_ReportProbabilityOfReal()
    {
        var (generator, discriminator) = GanModelFactory.Create("mlp", 100, new Rng(1));
        var labels = new LabelSampler(new LabelOptions { Reversed = true }, new Rng(3));
        var step = new GanStep(
            generator, discriminator, new Adam(generator.Parameters(), 0f),
            new Adam(discriminator.Parameters(), 0f), new Rng(2), labels);
        var images = _data.GetImages(Enumerable.Range(0, 8).ToArray());
        var normal = new GanStep(
            generator, discriminator, new Adam(generator.Parameters(), 0f),
            new Adam(discriminator.Parameters(), 0f), new Rng(2));

        StepMetrics reversed = step.Run(images);
        StepMetrics usual = normal.Run(images);

        Assert.Equal(1 - usual.DReal, reversed.DReal, 5);
        Assert.Equal(1 - usual.DAccuracyReal, reversed.DAccuracyReal, 5);
    }

    private string TrainVae(int latentSize)
    {
        var config = new VaeConfig
        {
            Model = "mlp",
            DataFolder = _folder.Path,
            OutputFolder = _folder.File($"vae-{latentSize}"),
            Epochs = 1,
            BatchSize = 32,
            LatentSize = latentSize,
            SampleCount = 4,
        };
        var trainer = new VaeTrainer(config, _data);
        trainer.Run();
        return trainer.Folder.CheckpointPath(1);
    }

    private static Dictionary<string, float[]> Copy(Module module) =>
        module.StateDict().ToDictionary(t => t.Key, t => (float[])t.Value.Data.Clone());

    private TrainingConfig Config(string name) => new()
    {
        Model = "mlp",
        DataFolder = _folder.Path,
        OutputFolder = _folder.File(name),
        Epochs = 1,
        BatchSize = 16,
        SampleCount = 4,
    };
}
