using NativeGan.Gan.Data;
using NativeGan.Gan.Models;
using NativeGan.Gan.Quality;
using NativeGan.Gan.Tests.Data;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Quality;

/// <summary>
/// The classifier on real MNIST: trained on the first run (about 1 to 2 minutes on 2 cores)
/// and cached in data/mnist/classifier, as `nativegan eval` does, then loaded.
/// </summary>
public sealed class RealMnistQualityTests
{
    private static readonly Lazy<Task<Setup>> Shared = new(CreateSetupAsync);

    [Fact]
    public async Task Classifier_RealMnist_ReachesNinetyNinePercent()
    {
        Setup setup = await Shared.Value;

        double accuracy = ClassifierTrainer.Accuracy(setup.Classifier.Classifier, setup.Test);

        Assert.True(accuracy >= 0.99, $"test accuracy {accuracy:P2} ({setup.Classifier.Path})");
    }

    [Fact]
    public async Task Floor_TrainImages_FarBelowUntrainedGenerator()
    {
        Setup setup = await Shared.Value;
        ImageGenerator untrained = GanModelFactory.Create("mlp", 100, new Rng(1)).Generator;

        double floor = setup.Evaluator.EvaluateImages(setup.Train).FrechetDistance;
        double noise = setup.Evaluator.Evaluate(untrained, 2000).FrechetDistance;

        Assert.True(floor * 20 < noise, $"floor FD {floor:G4}, untrained generator FD {noise:G4}");
    }

    [Fact]
    public async Task Floor_TrainImages_CoverAllDigits()
    {
        Setup setup = await Shared.Value;

        QualityScore floor = setup.Evaluator.EvaluateImages(setup.Train);

        // The labels of the first 10,000 training images have an entropy of 2.300; ln 10 = 2.303.
        Assert.True(floor.CoverageEntropy > 2.29, $"coverage entropy {floor.CoverageEntropy:F4}");
    }

    private static async Task<Setup> CreateSetupAsync()
    {
        string folder = await MnistTestData.GetFolderAsync();
        MnistDataset train = MnistDataset.Load(folder, MnistSplit.Train);
        MnistDataset test = MnistDataset.Load(folder, MnistSplit.Test);
        TrainedClassifier classifier = ClassifierFile.LoadOrTrain(
            ClassifierFile.DefaultPath(folder), train, test);
        var evaluator = QualityEvaluator.Create(classifier.Classifier, test);
        return new Setup(train, test, classifier, evaluator);
    }

    private sealed record Setup(
        MnistDataset Train, MnistDataset Test, TrainedClassifier Classifier,
        QualityEvaluator Evaluator);
}
