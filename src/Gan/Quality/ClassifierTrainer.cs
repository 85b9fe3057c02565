using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NativeGan.Autodiff;
using NativeGan.Gan.Data;
using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Gan.Quality;

/// <summary>
/// Trains <see cref="MnistClassifier"/> on the MNIST training split with softmax
/// cross-entropy and Adam, and measures its accuracy on the test split.
/// </summary>
public static class ClassifierTrainer
{
    /// <summary>Images per forward pass when measuring accuracy.</summary>
    private const int EvaluationBatchSize = 500;

    /// <summary>
    /// Trains a new classifier from <paramref name="options"/>.Seed, logging one line every
    /// LogEvery steps and the test accuracy after each epoch.
    /// </summary>
    /// <returns>
    /// The classifier, in evaluation mode, and its accuracy on <paramref name="test"/>.
    /// </returns>
    public static (MnistClassifier Classifier, double TestAccuracy) Train(
        MnistDataset train,
        MnistDataset test,
        ClassifierTrainingOptions options,
        ILogger? logger = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (train.Count == 0)
        {
            throw new ArgumentException(
                "Cannot train the classifier on a dataset of 0 images.", nameof(train));
        }

        logger ??= NullLogger.Instance;

        var classifier = new MnistClassifier(new Rng(options.Seed));
        var shuffleRng = new Rng(options.Seed + 1);
        var optimizer = new Adam(classifier.Parameters(), options.LearningRate);
        int steps = (train.Count + options.BatchSize - 1) / options.BatchSize;
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        byte[] labelBytes = new byte[options.BatchSize];
        int[] labels = new int[options.BatchSize];
        double accuracy = 0;
        var total = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            classifier.Train();
            shuffleRng.Shuffle(order.AsSpan());
            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            int correct = 0;
            int seen = 0;
            for (int step = 0; step < steps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                int start = step * options.BatchSize;
                int count = Math.Min(options.BatchSize, train.Count - start);
                ReadOnlySpan<int> batch = order.AsSpan(start, count);
                Tensor images = train.GetImages(batch);
                train.CopyLabels(batch, labelBytes.AsSpan(0, count));
                for (int i = 0; i < count; i++)
                {
                    labels[i] = labelBytes[i];
                }

                optimizer.ZeroGrad();
                Variable logits = classifier.Forward(new Variable(images));
                Variable loss = Losses.CrossEntropy(logits, labels.AsSpan(0, count));
                loss.Backward();
                optimizer.Step();

                float lossValue = loss.Value.Item();
                if (!float.IsFinite(lossValue))
                {
                    throw new InvalidOperationException(
                        $"Classifier training diverged: the loss is {lossValue} at epoch {epoch} " +
                        $"step {step + 1}. Lower the learning rate {optimizer.LearningRate}.");
                }

                lossSum += lossValue * count;
                correct += CountCorrect(logits.Value, labels.AsSpan(0, count));
                seen += count;
                if ((step + 1) % options.LogEvery == 0 || step + 1 == steps)
                {
                    logger.LogInformation(
                        "classifier epoch {Epoch}/{Epochs} step {Step}/{Steps} loss {Loss:F4} " +
                        "train accuracy {Accuracy:F2}% {Rate:F0} images/s",
                        epoch, options.Epochs, step + 1, steps, lossSum / seen,
                        100.0 * correct / seen, seen / clock.Elapsed.TotalSeconds);
                }
            }

            accuracy = Accuracy(classifier, test);
            logger.LogInformation(
                "classifier epoch {Epoch}/{Epochs}: test accuracy {Accuracy:F2}%, learning rate " +
                "{LearningRate:G3}, {Seconds:F1} s",
                epoch, options.Epochs, 100 * accuracy, optimizer.LearningRate,
                clock.Elapsed.TotalSeconds);
            optimizer.LearningRate *= options.LearningRateDecay;
        }

        logger.LogInformation(
            "classifier trained in {Seconds:F1} s: test accuracy {Accuracy:F2}%",
            total.Elapsed.TotalSeconds, 100 * accuracy);
        classifier.Eval();
        return (classifier, accuracy);
    }

    /// <summary>
    /// Returns the share of <paramref name="data"/>'s images whose predicted class (the
    /// argmax of the logits) equals the label, from 0 to 1. Runs in evaluation mode without
    /// recording the graph, and leaves the classifier in evaluation mode.
    /// </summary>
    public static double Accuracy(MnistClassifier classifier, MnistDataset data)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException("Cannot measure accuracy on a dataset of 0 images.");
        }

        classifier.Eval();
        byte[] labelBytes = new byte[EvaluationBatchSize];
        int[] labels = new int[EvaluationBatchSize];
        int correct = 0;
        using (GradMode.NoGrad())
        {
            for (int start = 0; start < data.Count; start += EvaluationBatchSize)
            {
                int count = Math.Min(EvaluationBatchSize, data.Count - start);
                int[] batch = Enumerable.Range(start, count).ToArray();
                data.CopyLabels(batch, labelBytes.AsSpan(0, count));
                for (int i = 0; i < count; i++)
                {
                    labels[i] = labelBytes[i];
                }

                Tensor logits = classifier.Forward(new Variable(data.GetImages(batch))).Value;
                correct += CountCorrect(logits, labels.AsSpan(0, count));
            }
        }

        return (double)correct / data.Count;
    }

    private static int CountCorrect(Tensor logits, ReadOnlySpan<int> labels)
    {
        int correct = 0;
        for (int n = 0; n < labels.Length; n++)
        {
            if (ClassCoverage.Argmax(logits.Data.AsSpan(n * MnistClassifier.ClassCount,
                MnistClassifier.ClassCount)) == labels[n])
            {
                correct++;
            }
        }

        return correct;
    }
}
