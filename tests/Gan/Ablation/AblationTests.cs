using NativeGan.Gan.Ablation;
using NativeGan.Gan.Data;
using NativeGan.Gan.Tests.Data;
using NativeGan.Gan.Training;

namespace NativeGan.Gan.Tests.Ablation;

public sealed class AblationTests : IDisposable
{
    private const int Images = 48;
    private readonly TempFolder _folder = new();
    private readonly MnistDataset _data;

    public AblationTests()
    {
        IdxTestFiles.WriteSplit(
            _folder.Path,
            MnistSplit.Train,
            IdxTestFiles.RandomBytes(Images * 784, seed: 31),
            new byte[Images]);
        _data = MnistDataset.Load(_folder.Path, MnistSplit.Train);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Select_UnknownArm_ListsKnownArms()
    {
        var error = Assert.Throws<InvalidConfigException>(
            () => AblationVariants.Select(["baseline", "dropout-everywhere"]));

        Assert.Contains("soft-labels", error.Message);
        Assert.Contains("dropout-everywhere", error.Message);
    }

    [Fact]
    public void Variants_ChangeOnlyTheirTrick()
    {
        var baseline = new TrainingConfig();
        var arms = AblationVariants.All.ToDictionary(v => v.Name);

        Assert.Equal(baseline, arms["baseline"].Apply(baseline, null));
        Assert.True(arms["soft-labels"].Apply(baseline, null).Labels.Soft);
        Assert.True(arms["reverse-labels"].Apply(baseline, null).Labels.Reversed);
        Assert.Equal(0.05f, arms["flip-labels"].Apply(baseline, null).Labels.FlipProbability);
        Assert.Equal(GeneratorLoss.Minimax, arms["minimax"].Apply(baseline, null).GeneratorLoss);
        Assert.Equal("vae.safetensors", arms["warm-start"].Apply(baseline, "vae.safetensors").WarmStart);
    }

    [Fact]
    public void Run_TwoArmsTwoSeeds_WritesOneResultPerRunAndTable()
    {
        var arms = AblationVariants.Select(["baseline", "soft-labels"]);
        var runner = new AblationRunner(Baseline(), arms, [1, 2], _folder.File("ablation"), _data);

        var results = runner.Run();
        string page = AblationReport.Write(runner.Root, arms, results);

        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.True(double.IsFinite(r.LossD)));
        Assert.All(results, r => Assert.True(double.IsNaN(r.FrechetDistance)));
        string table = File.ReadAllText(page);
        Assert.Contains("| baseline |", table);
        Assert.Contains("| soft-labels |", table);
        Assert.Equal(1 + 4, File.ReadAllLines(Path.Combine(runner.Root, "ablation.csv")).Length);
    }

    [Fact]
    public void Run_FinishedRuns_AreReusedNotRetrained()
    {
        var arms = AblationVariants.Select(["baseline"]);
        var first = new AblationRunner(Baseline(), arms, [3], _folder.File("ablation"), _data);
        first.Run();
        var second = new AblationRunner(Baseline(), arms, [3], _folder.File("ablation"), _data);
        int started = 0;
        second.RunStarting += (_, _, _, _) => started++;

        var results = second.Run();

        Assert.Equal(0, started);
        Assert.Single(results);
    }

    private TrainingConfig Baseline() => new()
    {
        Model = "mlp",
        DataFolder = _folder.Path,
        Epochs = 1,
        BatchSize = 16,
        SampleCount = 4,
        QualityEvery = 0,
    };
}
