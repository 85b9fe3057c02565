using System.Buffers.Binary;
using NativeGan.Gan.Data;

namespace NativeGan.Gan.Tests.Data;

/// <summary>Builds IDX files and small MNIST-format splits for tests.</summary>
internal static class IdxTestFiles
{
    /// <summary>Builds an IDX file: magic number, big-endian dimensions, then the data.</summary>
    public static byte[] Build(byte typeCode, int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        bytes[2] = typeCode;
        bytes[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dimensions[i]);
        }

        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    /// <summary>Builds an unsigned-byte IDX file of 28 x 28 images.</summary>
    public static byte[] Images(byte[] pixels) =>
        Build(0x08, [pixels.Length / 784, 28, 28], pixels);

    /// <summary>Builds an unsigned-byte IDX file of labels.</summary>
    public static byte[] Labels(byte[] labels) => Build(0x08, [labels.Length], labels);

    /// <summary>Writes a split in <paramref name="folder"/> under the MNIST file names.</summary>
    public static void WriteSplit(string folder, MnistSplit split, byte[] pixels, byte[] labels)
    {
        File.WriteAllBytes(
            Path.Combine(folder, MnistFiles.ImagesOf(split).Name), Images(pixels));
        File.WriteAllBytes(
            Path.Combine(folder, MnistFiles.LabelsOf(split).Name), Labels(labels));
    }

    /// <summary>Returns <paramref name="count"/> random bytes from a fixed seed.</summary>
    public static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
