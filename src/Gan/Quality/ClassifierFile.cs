using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NativeGan.Gan.Data;
using NativeGan.Nn.Serialization;
using NativeGan.Tensors;

namespace NativeGan.Gan.Quality;

/// <summary>A classifier with the test accuracy recorded when it was trained.</summary>
/// <param name="Classifier">The network, in evaluation mode.</param>
/// <param name="TestAccuracy">Share of MNIST test images classified correctly, 0 to 1.</param>
/// <param name="Path">File the weights were loaded from or saved to.</param>
public sealed record TrainedClassifier(
    MnistClassifier Classifier, double TestAccuracy, string Path);

/// <summary>
/// Cache of the trained MNIST classifier in a safetensors file, with metadata "format",
/// "test_accuracy" and the training settings. It is trained once per data folder and
/// loaded afterwards.
/// </summary>
public static class ClassifierFile
{
    /// <summary>
    /// Value of the "format" metadata entry; a new architecture gets a new value.
    /// </summary>
    public const string Format = "nativegan-mnist-classifier-v1";

    /// <summary>
    /// Returns the default cache path, classifier/mnist-classifier.safetensors inside the
    /// MNIST data folder, so that each dataset has its own classifier.
    /// </summary>
    public static string DefaultPath(string dataFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        return System.IO.Path.Combine(dataFolder, "classifier", "mnist-classifier.safetensors");
    }

    /// <summary>Writes the classifier's weights and metadata atomically.</summary>
    public static void Save(
        string path, MnistClassifier classifier, double testAccuracy,
        ClassifierTrainingOptions options, int trainImages)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["test_accuracy"] = testAccuracy.ToString("R", CultureInfo.InvariantCulture),
            ["train_images"] = trainImages.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["batch_size"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["learning_rate"] = options.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["learning_rate_decay"] =
                options.LearningRateDecay.ToString("R", CultureInfo.InvariantCulture),
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
        };
        SafeTensorsFile.Save(path, classifier.StateDict(), metadata);
    }

    /// <summary>Loads a classifier written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is damaged, has another format tag, or contains another architecture. The
    /// message names the file and the fix: delete it, so that a new classifier is trained.
    /// </exception>
    public static TrainedClassifier Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string retrain = $"Delete {path} and a new classifier is trained on the next run.";
        SafeTensorsContent content;
        try
        {
            content = SafeTensorsFile.Load(path);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"{error.Message} {retrain}", error);
        }

        if (!content.Metadata.TryGetValue("format", out string? format) || format != Format)
        {
            throw new InvalidDataException(
                $"{path} is not a NativeGan MNIST classifier of the current architecture " +
                $"(metadata format is '{format ?? "missing"}', expected '{Format}'). {retrain}");
        }

        if (!content.Metadata.TryGetValue("test_accuracy", out string? accuracyText) ||
            !double.TryParse(accuracyText, NumberStyles.Float, CultureInfo.InvariantCulture,
                out double accuracy) || !(accuracy >= 0 && accuracy <= 1))
        {
            throw new InvalidDataException(
                $"{path}: metadata 'test_accuracy' is '{accuracyText ?? "missing"}', expected a " +
                $"number in [0, 1]. {retrain}");
        }

        var classifier = new MnistClassifier(new Rng(0));
        try
        {
            classifier.LoadStateDict(content.Tensors, path);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"{error.Message} {retrain}", error);
        }

        classifier.Eval();
        return new TrainedClassifier(classifier, accuracy, path);
    }

    /// <summary>
    /// Loads the classifier at <paramref name="path"/>, or, when no file is there, trains one
    /// on <paramref name="train"/>, measures it on <paramref name="test"/> and saves it there.
    /// </summary>
    /// <exception cref="InvalidDataException">The file exists but cannot be loaded.</exception>
    public static TrainedClassifier LoadOrTrain(
        string path,
        MnistDataset train,
        MnistDataset test,
        ClassifierTrainingOptions? options = null,
        ILogger? logger = null,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        logger ??= NullLogger.Instance;
        if (File.Exists(path))
        {
            TrainedClassifier loaded = Load(path);
            logger.LogInformation(
                "Loaded the MNIST classifier from {Path} (test accuracy {Accuracy:F2}%)",
                path, 100 * loaded.TestAccuracy);
            return loaded;
        }

        options ??= new ClassifierTrainingOptions();
        logger.LogInformation(
            "Training the MNIST classifier on {Count} images for {Epochs} epochs; it is saved " +
            "to {Path} and reused afterwards", train.Count, options.Epochs, path);
        var (classifier, accuracy) = ClassifierTrainer.Train(
            train, test, options, logger, cancellation);
        Save(path, classifier, accuracy, options, train.Count);
        return new TrainedClassifier(classifier, accuracy, path);
    }
}
