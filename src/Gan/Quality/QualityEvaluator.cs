using NativeGan.Autodiff;
using NativeGan.Gan.Data;
using NativeGan.Gan.Models;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Gan.Quality;

/// <summary>
/// Scores images by the Frechet distance of their classifier features to the MNIST test
/// set's, and by how evenly the classifier spreads them over the ten digits.
/// </summary>
/// <remarks>
/// The reference statistics are computed once, when the evaluator is created. Every pass
/// runs the classifier in evaluation mode without recording the graph.
/// </remarks>
public sealed class QualityEvaluator
{
    /// <summary>Default number of images scored: 10,000, the size of the MNIST test set.</summary>
    public const int DefaultSampleCount = 10_000;

    /// <summary>
    /// Images per forward pass, which bounds the memory of a pass: the largest activation of
    /// the DCGAN generator, 500 x 128 x 14 x 14 floats, takes 50 MB.
    /// </summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Creates an evaluator from a trained classifier and precomputed reference statistics.
    /// </summary>
    /// <exception cref="ArgumentException">The reference is not of dimension 128.</exception>
    public QualityEvaluator(MnistClassifier classifier, FeatureStatistics reference)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Dimension != MnistClassifier.FeatureSize)
        {
            throw new ArgumentException(
                $"Reference statistics have dimension {reference.Dimension}; the classifier's " +
                $"features have {MnistClassifier.FeatureSize}.", nameof(reference));
        }

        Classifier = classifier;
        Reference = reference;
    }

    /// <summary>Classifier whose features and predictions are measured.</summary>
    public MnistClassifier Classifier { get; }

    /// <summary>Feature statistics of the real images that samples are compared with.</summary>
    public FeatureStatistics Reference { get; }

    /// <summary>
    /// Creates an evaluator whose reference is the statistics of every image of
    /// <paramref name="test"/>, normally the 10,000 MNIST test images.
    /// </summary>
    public static QualityEvaluator Create(MnistClassifier classifier, MnistDataset test)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(test);
        var (statistics, _) = Measure(classifier, test.Count, (start, count) =>
            test.GetImages(Enumerable.Range(start, count).ToArray()));
        return new QualityEvaluator(classifier, statistics);
    }

    /// <summary>
    /// Scores <paramref name="sampleCount"/> images of <paramref name="generator"/> from latent
    /// vectors z ~ N(0, 1) drawn with <paramref name="seed"/>. G runs in evaluation mode
    /// without recording the graph, and gets its previous mode back afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Fewer than 2 samples, or G's images are not (N, 1, 28, 28).
    /// </exception>
    /// <exception cref="InvalidDataException">G produced a NaN or infinite pixel.</exception>
    public QualityScore Evaluate(
        ImageGenerator generator, int sampleCount = DefaultSampleCount, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(generator);
        CheckSampleCount(sampleCount);
        bool wasTraining = generator.IsTraining;
        generator.Eval();
        try
        {
            var rng = new Rng(seed);
            return Score(sampleCount, (_, count) =>
            {
                var z = new Tensor(count, generator.LatentSize);
                rng.FillNormal(z.Data);
                Tensor images = generator.Forward(new Variable(z.To(generator.Device))).Value
                    .To(ComputeDevice.Cpu);
                if (!TensorOps.AllFinite(images.Data))
                {
                    throw new InvalidDataException(
                        "The generator produced NaN or infinite pixels, so its samples cannot " +
                        "be scored; its weights have diverged.");
                }

                return images;
            });
        }
        finally
        {
            generator.Train(wasTraining);
        }
    }

    /// <summary>
    /// Scores the first <paramref name="count"/> images of <paramref name="data"/>. With
    /// 10,000 MNIST training images this gives the floor: the distance that real digits
    /// reach, against which generated samples are judged.
    /// </summary>
    /// <exception cref="ArgumentException">count is below 2 or above data.Count.</exception>
    public QualityScore EvaluateImages(MnistDataset data, int count = DefaultSampleCount)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckSampleCount(count);
        if (count > data.Count)
        {
            throw new ArgumentException(
                $"Cannot score {count} images of a dataset of {data.Count}; pass at most " +
                $"{data.Count}.", nameof(count));
        }

        return Score(count, (start, batch) =>
            data.GetImages(Enumerable.Range(start, batch).ToArray()));
    }

    private QualityScore Score(int count, Func<int, int, Tensor> images)
    {
        var (statistics, coverage) = Measure(Classifier, count, images);
        return new QualityScore(
            FrechetDistance.Compute(statistics, Reference), coverage.Entropy(), coverage.Shares());
    }

    // Runs the classifier over count images delivered in batches by images(start, count),
    // collecting the features and the predicted classes.
    private static (FeatureStatistics Statistics, ClassCoverage Coverage) Measure(
        MnistClassifier classifier, int count, Func<int, int, Tensor> images)
    {
        bool wasTraining = classifier.IsTraining;
        classifier.Eval();
        try
        {
            var features = new float[(long)count * MnistClassifier.FeatureSize];
            var coverage = new ClassCoverage();
            using (GradMode.NoGrad())
            {
                for (int start = 0; start < count; start += BatchSize)
                {
                    int batch = Math.Min(BatchSize, count - start);
                    Variable batchFeatures = classifier.ExtractFeatures(
                        new Variable(images(start, batch)));
                    batchFeatures.Value.Data.CopyTo(
                        features, (long)start * MnistClassifier.FeatureSize);
                    coverage.Add(classifier.Head.Forward(batchFeatures).Value);
                }
            }

            var statistics = FeatureStatistics.Compute(
                features, count, MnistClassifier.FeatureSize);
            return (statistics, coverage);
        }
        finally
        {
            classifier.Train(wasTraining);
        }
    }

    private static void CheckSampleCount(int count)
    {
        if (count < 2)
        {
            throw new ArgumentException(
                $"Cannot score {count} images: a covariance needs at least 2; 10,000 is usual.",
                nameof(count));
        }
    }
}
