using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NativeGan.Gan.Models;
using NativeGan.Gan.Training;

namespace NativeGan.Cli;

/// <summary>
/// Options of `nativegan train` and how they map onto a <see cref="TrainingConfig"/>. An
/// option given on the command line overrides the same field of a --config file.
/// </summary>
public sealed class TrainOptions
{
    private readonly TrainingConfig _defaults = new();

    /// <summary>Creates the options with the defaults of <see cref="TrainingConfig"/>.</summary>
    public TrainOptions()
    {
        Model = new Option<string>("--model")
        {
            Description = "Architecture of G and D.",
            DefaultValueFactory = _ => _defaults.Model,
        };
        Model.AcceptOnlyFromAmong([.. GanModelFactory.ModelNames]);
        Data = Text("--data", "Folder holding the four MNIST IDX files.", _defaults.DataFolder);
        Output = Text(
            "--out", "Run folder for config, metrics, sample grids and checkpoints.",
            _defaults.OutputFolder);
        Epochs = IntOptions.Positive("--epochs", "Number of passes over the training images.", _defaults.Epochs);
        BatchSize = IntOptions.Positive("--batch-size", "Images per training step.", _defaults.BatchSize);
        LearningRate = Probability("--lr", "Adam learning rate of G and D.", _defaults.LearningRate, allowOne: false);
        Seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the weights, shuffling, noise and labels; the same seed gives the same run.",
            DefaultValueFactory = _ => _defaults.Seed,
        };
        TrainSamples = IntOptions.AtLeast(
            "--train-samples",
            "Use only the first N training images (0: all 60,000).",
            0,
            0,
            "0 (all) or more");
        MonitorEvery = IntOptions.AtLeast(
            "--monitor-every",
            "Record per-layer gradient and weight norms every N steps (0: off).",
            _defaults.MonitorEvery,
            0,
            "0 (off) or more");
        QualityEvery = IntOptions.AtLeast(
            "--quality-every",
            "Score sample quality (FD, class coverage) every N epochs and after the " +
                "last (0: off). The first use trains the MNIST classifier once, about a minute.",
            _defaults.QualityEvery,
            0,
            "0 (off) or more");
        QualitySamples = IntOptions.AtLeast(
            "--quality-samples",
            "Generated images per quality score.",
            _defaults.QualitySamples,
            2,
            "at least 2");
        SoftLabels = new Option<bool>("--soft-labels")
        {
            Description = "Draw D's targets per sample from the --real-labels and --fake-labels ranges.",
        };
        RealLabels = Range("--real-labels", "Range LOW:HIGH of soft real targets.", "0.8:1.0");
        FakeLabels = Range("--fake-labels", "Range LOW:HIGH of soft fake targets.", "0.0:0.2");
        ReverseLabels = new Option<bool>("--reverse-labels")
        {
            Description = "Use the swapped convention throughout: real = 0, fake = 1.",
        };
        FlipLabels = Probability(
            "--flip-labels", "Probability of swapping each of D's targets to the other class.", 0f, allowOne: true);
        GeneratorLoss = new Option<string>("--g-loss")
        {
            Description = "G's objective: non-saturating (-log D(G(z))) or minimax (log(1 - D(G(z)))).",
            DefaultValueFactory = _ => "non-saturating",
        };
        GeneratorLoss.AcceptOnlyFromAmong("non-saturating", "minimax");
        WarmStart = new Option<string?>("--warm-start")
        {
            Description = "VAE checkpoint (from `nativegan vae`) whose decoder initializes G.",
        };
        PretrainDiscriminatorSteps = IntOptions.AtLeast(
            "--pretrain-d-steps",
            "Train D alone for N steps against the initial G before both train.",
            0,
            0,
            "0 (off) or more");
        Threads = IntOptions.Positive("--threads", "CPU threads for the kernels.", Environment.ProcessorCount);
    }

    /// <summary>--activation, --g-widths, --d-widths, --batch-norm, --dropout</summary>
    public ArchitectureCliOptions Architecture { get; } = new();

    /// <summary>--warm-start</summary>
    public Option<string?> WarmStart { get; }

    /// <summary>--pretrain-d-steps</summary>
    public Option<int> PretrainDiscriminatorSteps { get; }

    /// <summary>--model</summary>
    public Option<string> Model { get; }

    /// <summary>--data</summary>
    public Option<string> Data { get; }

    /// <summary>--out</summary>
    public Option<string> Output { get; }

    /// <summary>--epochs</summary>
    public Option<int> Epochs { get; }

    /// <summary>--batch-size</summary>
    public Option<int> BatchSize { get; }

    /// <summary>--lr</summary>
    public Option<float> LearningRate { get; }

    /// <summary>--seed</summary>
    public Option<ulong> Seed { get; }

    /// <summary>--train-samples</summary>
    public Option<int> TrainSamples { get; }

    /// <summary>--monitor-every</summary>
    public Option<int> MonitorEvery { get; }

    /// <summary>--quality-every</summary>
    public Option<int> QualityEvery { get; }

    /// <summary>--quality-samples</summary>
    public Option<int> QualitySamples { get; }

    /// <summary>--soft-labels</summary>
    public Option<bool> SoftLabels { get; }

    /// <summary>--real-labels</summary>
    public Option<string> RealLabels { get; }

    /// <summary>--fake-labels</summary>
    public Option<string> FakeLabels { get; }

    /// <summary>--reverse-labels</summary>
    public Option<bool> ReverseLabels { get; }

    /// <summary>--flip-labels</summary>
    public Option<float> FlipLabels { get; }

    /// <summary>--g-loss</summary>
    public Option<string> GeneratorLoss { get; }

    /// <summary>--threads</summary>
    public Option<int> Threads { get; }

    /// <summary>Options that set fields of the training config, in help order.</summary>
    public IEnumerable<Option> ConfigOptions =>
    [
        Model, Data, Output, Epochs, BatchSize, LearningRate, Seed, TrainSamples, MonitorEvery,
        QualityEvery, QualitySamples,
        .. Architecture.All, WarmStart, PretrainDiscriminatorSteps, SoftLabels, RealLabels,
        FakeLabels, ReverseLabels, FlipLabels, GeneratorLoss,
    ];

    /// <summary>
    /// Returns <paramref name="baseline"/> with every option that was given on the command
    /// line applied; options left at their defaults do not override the baseline.
    /// </summary>
    public TrainingConfig Apply(ParseResult parsed, TrainingConfig baseline)
    {
        T Pick<T>(Option<T> option, T current) =>
            parsed.GetResult(option) is { Implicit: false } ? parsed.GetValue(option)! : current;

        (float, float) PickRange(Option<string> option, (float, float) current) =>
            parsed.GetResult(option) is { Implicit: false }
                ? ParseRange(parsed.GetValue(option)!)!.Value
                : current;

        LabelOptions labels = baseline.Labels;
        var (realLow, realHigh) = PickRange(RealLabels, (labels.RealLow, labels.RealHigh));
        var (fakeLow, fakeHigh) = PickRange(FakeLabels, (labels.FakeLow, labels.FakeHigh));
        string lossName = Pick(GeneratorLoss, FormatLoss(baseline.GeneratorLoss));
        return baseline with
        {
            Model = Pick(Model, baseline.Model),
            DataFolder = Pick(Data, baseline.DataFolder),
            OutputFolder = Pick(Output, baseline.OutputFolder),
            Epochs = Pick(Epochs, baseline.Epochs),
            BatchSize = Pick(BatchSize, baseline.BatchSize),
            LearningRate = Pick(LearningRate, baseline.LearningRate),
            Seed = Pick(Seed, baseline.Seed),
            TrainSamples = Pick(TrainSamples, baseline.TrainSamples),
            MonitorEvery = Pick(MonitorEvery, baseline.MonitorEvery),
            QualityEvery = Pick(QualityEvery, baseline.QualityEvery),
            QualitySamples = Pick(QualitySamples, baseline.QualitySamples),
            Architecture = Architecture.Apply(parsed, baseline.Architecture),
            WarmStart = Pick(WarmStart, baseline.WarmStart),
            PretrainDiscriminatorSteps = Pick(PretrainDiscriminatorSteps, baseline.PretrainDiscriminatorSteps),
            GeneratorLoss = lossName == "minimax"
                ? Gan.Training.GeneratorLoss.Minimax
                : Gan.Training.GeneratorLoss.NonSaturating,
            Labels = labels with
            {
                Soft = Pick(SoftLabels, labels.Soft),
                RealLow = realLow,
                RealHigh = realHigh,
                FakeLow = fakeLow,
                FakeHigh = fakeHigh,
                Reversed = Pick(ReverseLabels, labels.Reversed),
                FlipProbability = Pick(FlipLabels, labels.FlipProbability),
            },
        };
    }

    private static string FormatLoss(GeneratorLoss loss) =>
        loss == Gan.Training.GeneratorLoss.Minimax ? "minimax" : "non-saturating";

    private static Option<string> Text(string name, string description, string defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    private static Option<float> Probability(
        string name, string description, float defaultValue, bool allowOne)
    {
        var option = new Option<float>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            float value = result.GetValueOrDefault<float>();
            bool valid = allowOne ? value >= 0f && value <= 1f : float.IsFinite(value) && value > 0f;
            if (!valid)
            {
                string rule = allowOne ? "in [0, 1]" : "a positive number";
                result.AddError(string.Create(
                    CultureInfo.InvariantCulture, $"Invalid {name} {value}: it must be {rule}."));
            }
        });
        return option;
    }

    private static Option<string> Range(string name, string description, string defaultText)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = "LOW:HIGH",
            DefaultValueFactory = _ => defaultText,
        };
        option.Validators.Add(result =>
        {
            string text = result.GetValueOrDefault<string>() ?? "";
            if (ParseRange(text) is null)
            {
                result.AddError(
                    $"Invalid {name} '{text}': expected LOW:HIGH with 0 <= LOW <= HIGH <= 1, " +
                    "for example 0.8:1.0.");
            }
        });
        return option;
    }

    private static (float Low, float High)? ParseRange(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length != 2 ||
            !float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out float low) ||
            !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float high) ||
            !(low >= 0f && low <= high && high <= 1f))
        {
            return null;
        }

        return (low, high);
    }
}
