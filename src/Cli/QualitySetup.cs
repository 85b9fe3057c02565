using Microsoft.Extensions.Logging;
using NativeGan.Gan.Data;
using NativeGan.Gan.Quality;

namespace NativeGan.Cli;

/// <summary>Builds the sample-quality evaluator: the MNIST classifier (trained once and cached) and the test-set statistics.</summary>
public static class QualitySetup
{
    /// <summary>
    /// Loads the classifier cached in <paramref name="dataFolder"/>, training it first when
    /// there is none, and returns the evaluator with the test set as reference.
    /// </summary>
    public static QualityEvaluator Create(string dataFolder, MnistDataset train, ILogger logger) =>
        CreateWithClassifier(dataFolder, train, logger).Evaluator;

    /// <summary>Does what <see cref="Create"/> does and also returns the classifier with its test accuracy.</summary>
    public static (QualityEvaluator Evaluator, TrainedClassifier Classifier) CreateWithClassifier(
        string dataFolder, MnistDataset train, ILogger logger)
    {
        MnistDataset test = MnistDataset.Load(dataFolder, MnistSplit.Test);
        TrainedClassifier classifier = ClassifierFile.LoadOrTrain(
            ClassifierFile.DefaultPath(dataFolder), train, test, logger: logger);
        if (classifier.TestAccuracy < 0.99)
        {
            logger.LogWarning(
                "The classifier's test accuracy is {Accuracy:F2}%, below 99%, so its features " +
                "describe digits less well and the scores are less reliable",
                100 * classifier.TestAccuracy);
        }

        return (QualityEvaluator.Create(classifier.Classifier, test), classifier);
    }
}
