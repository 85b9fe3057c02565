using System.Buffers.Binary;

namespace NativeGan.Cli.Tests;

/// <summary>Writes small MNIST-format training files of random pixels into a temporary folder.</summary>
internal sealed class SyntheticMnist : IDisposable
{
    public SyntheticMnist(int count)
    {
        Folder = Path.Combine(Path.GetTempPath(), $"nativegan-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        var random = new Random(5);
        var pixels = new byte[count * 784];
        random.NextBytes(pixels);
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % 10);
        }

        System.IO.File.WriteAllBytes(ImagesPath, Idx([count, 28, 28], pixels));
        System.IO.File.WriteAllBytes(LabelsPath, Idx([count], labels));
    }

    public string Folder { get; }

    public string ImagesPath => Path.Combine(Folder, "train-images-idx3-ubyte");

    public string LabelsPath => Path.Combine(Folder, "train-labels-idx1-ubyte");

    public string File(string name) => Path.Combine(Folder, name);

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    // IDX: two zero bytes, type code 0x08 (unsigned byte), rank, big-endian dims, data.
    private static byte[] Idx(int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        }

        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }
}
