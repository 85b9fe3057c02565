namespace NativeGan.Gan.Quality;

/// <summary>Sample quality of one set of images, as measured by the MNIST classifier.</summary>
/// <param name="FrechetDistance">
/// Frechet distance between the images' classifier features and those of the MNIST test
/// set; 0 for identical statistics, lower is better.
/// </param>
/// <param name="CoverageEntropy">
/// Entropy in nats of <paramref name="ClassShares"/>: ln 10 = 2.303 when all ten digits are
/// equally present, 0 when all images show one digit.
/// </param>
/// <param name="ClassShares">
/// Share of each predicted digit 0 to 9 among the images; sums to 1.
/// </param>
public sealed record QualityScore(
    double FrechetDistance, double CoverageEntropy, IReadOnlyList<double> ClassShares);

/// <summary>Sample quality after one training epoch: one row of quality.csv.</summary>
/// <param name="Epoch">Epoch whose checkpoint generated the images, counting from 1.</param>
/// <param name="Score">Quality of the images.</param>
public sealed record EpochQuality(int Epoch, QualityScore Score);
