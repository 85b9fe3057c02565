using NativeGan.Tensors;

namespace NativeGan.Gan.Quality;

/// <summary>
/// Counts of the classes that a classifier predicts (the argmax of its logits) over a set
/// of images, with each class's share and the entropy of the shares.
/// </summary>
/// <remarks>
/// The entropy is -sum p ln p in nats, with 0 ln 0 = 0: ln 10 = 2.303 when all ten digits
/// are equally present, and 0 when every image falls in one class.
/// </remarks>
public sealed class ClassCoverage
{
    private readonly long[] _counts;

    /// <summary>Creates empty counts of <paramref name="classCount"/> classes.</summary>
    public ClassCoverage(int classCount = MnistClassifier.ClassCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        _counts = new long[classCount];
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount => _counts.Length;

    /// <summary>Number of images counted.</summary>
    public long Total { get; private set; }

    /// <summary>Number of images predicted as each class.</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>
    /// Counts the predicted class of each row of <paramref name="logits"/>: (N, ClassCount).
    /// </summary>
    /// <exception cref="ArgumentException">The logits are not (N, ClassCount).</exception>
    public void Add(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2 || logits.Shape[1] != ClassCount)
        {
            throw new ArgumentException(
                $"ClassCoverage: logits have shape {logits.Shape}; expected (N, {ClassCount}).",
                nameof(logits));
        }

        for (int n = 0; n < logits.Shape[0]; n++)
        {
            _counts[Argmax(logits.Data.AsSpan(n * ClassCount, ClassCount))]++;
        }

        Total += logits.Shape[0];
    }

    /// <summary>Returns the share of each class among the counted images, each in [0, 1].</summary>
    /// <exception cref="InvalidOperationException">No image has been counted.</exception>
    public double[] Shares()
    {
        if (Total == 0)
        {
            throw new InvalidOperationException(
                "ClassCoverage has counted no images; call Add before reading the shares.");
        }

        return _counts.Select(count => (double)count / Total).ToArray();
    }

    /// <summary>Returns the entropy of <see cref="Shares"/> in nats.</summary>
    public double Entropy() => EntropyOf(Shares());

    /// <summary>
    /// Returns -sum p ln p in nats over <paramref name="shares"/>, with 0 ln 0 = 0.
    /// </summary>
    public static double EntropyOf(ReadOnlySpan<double> shares)
    {
        double entropy = 0;
        foreach (double p in shares)
        {
            if (p > 0)
            {
                entropy -= p * Math.Log(p);
            }
        }

        return entropy;
    }

    /// <summary>Returns the index of the largest value, the first one on ties.</summary>
    /// <exception cref="ArgumentException">The values are empty or contain NaN.</exception>
    public static int Argmax(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("Argmax of an empty span is undefined.", nameof(values));
        }

        int best = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
            {
                throw new ArgumentException(
                    $"Argmax: value {i} is NaN, so no class can be chosen. The classifier " +
                    "input contains NaN or infinite pixels.", nameof(values));
            }

            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
