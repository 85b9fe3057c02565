using NativeGan.Gan.Data;
using NativeGan.Gan.Tests.Data;

namespace NativeGan.Gan.Tests.Quality;

/// <summary>
/// A learnable stand-in for MNIST in a temporary folder. The image of class c is dark noise
/// with a bright 6 x 6 square at a position that depends on c, so a classifier reaches
/// high accuracy in a few steps.
/// </summary>
public sealed class SyntheticDigits : IDisposable
{
    private readonly TempFolder _folder = new();

    public SyntheticDigits(int trainCount, int testCount)
    {
        Write(MnistSplit.Train, trainCount, seed: 1);
        Write(MnistSplit.Test, testCount, seed: 2);
        Train = MnistDataset.Load(Folder, MnistSplit.Train);
        Test = MnistDataset.Load(Folder, MnistSplit.Test);
    }

    public string Folder => _folder.Path;

    public MnistDataset Train { get; }

    public MnistDataset Test { get; }

    public string File(string name) => _folder.File(name);

    public void Dispose() => _folder.Dispose();

    private void Write(MnistSplit split, int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 784];
        var labels = new byte[count];
        for (int n = 0; n < count; n++)
        {
            int label = n % 10;
            labels[n] = (byte)label;
            int top = 2 + 5 * (label / 5) * 2;
            int left = 2 + 5 * (label % 5);
            for (int y = 0; y < 28; y++)
            {
                for (int x = 0; x < 28; x++)
                {
                    bool inSquare = y >= top && y < top + 6 && x >= left && x < left + 6;
                    pixels[n * 784 + y * 28 + x] = inSquare
                        ? (byte)random.Next(200, 256)
                        : (byte)random.Next(0, 60);
                }
            }
        }

        IdxTestFiles.WriteSplit(Folder, split, pixels, labels);
    }
}
