using System.Buffers.Binary;

namespace NativeGan.Gan.Data;

/// <summary>
/// Reader of IDX files of unsigned bytes, the format of the original MNIST files.
/// </summary>
/// <remarks>
/// Layout: a 4-byte magic number (two zero bytes, the data type code, the number of
/// dimensions), each dimension as a big-endian int32, then the values in row-major order.
/// MNIST image files have the magic number 0x00000803 (count, rows, columns) and label
/// files 0x00000801 (count). The reader accepts a file only when its length equals the
/// header plus the product of the dimensions, so truncated and over-long files are rejected.
/// </remarks>
public static class IdxReader
{
    /// <summary>Data type code of unsigned bytes, the third byte of the magic number.</summary>
    public const byte UnsignedByteTypeCode = 0x08;

    /// <summary>
    /// Reads an IDX file of unsigned bytes with <paramref name="expectedRank"/> dimensions.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file or its folder does not exist.</exception>
    /// <exception cref="InvalidDataFileException">
    /// The magic number, type code, number of dimensions or file length is wrong.
    /// </exception>
    public static IdxArray ReadUnsignedBytes(string path, int expectedRank)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedRank, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expectedRank, byte.MaxValue);

        using FileStream stream = OpenExisting(path);
        long fileLength = stream.Length;
        if (fileLength < 4)
        {
            throw Invalid(path, $"the file is {fileLength} bytes long, shorter than the " +
                "4-byte magic number");
        }

        Span<byte> magic = stackalloc byte[4];
        stream.ReadExactly(magic);
        CheckMagic(path, magic, expectedRank);

        int headerLength = 4 + 4 * expectedRank;
        if (fileLength < headerLength)
        {
            throw Invalid(path, $"the file is {fileLength} bytes long, shorter than the " +
                $"{headerLength}-byte header of an IDX file with {expectedRank} dimensions");
        }

        int[] dimensions = ReadDimensions(path, stream, expectedRank);
        long dataLength = CountValues(path, dimensions);
        long expectedLength = headerLength + dataLength;
        if (fileLength != expectedLength)
        {
            long extra = fileLength - expectedLength;
            string problem = extra < 0
                ? "so it is truncated"
                : $"so it has {extra} extra {(extra == 1 ? "byte" : "bytes")} at the end";
            throw Invalid(path, $"the file is {fileLength} bytes long, expected " +
                $"{expectedLength} bytes ({headerLength}-byte header + " +
                $"{string.Join(" x ", dimensions)} data bytes), {problem}");
        }

        byte[] data = GC.AllocateUninitializedArray<byte>((int)dataLength);
        stream.ReadExactly(data);
        return new IdxArray(path, dimensions, data);
    }

    private static FileStream OpenExisting(string path)
    {
        try
        {
            return new FileStream(
                path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (FileNotFoundException e)
        {
            throw MnistFiles.MissingFile(path, e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw MnistFiles.MissingFile(path, e);
        }
    }

    private static void CheckMagic(string path, ReadOnlySpan<byte> magic, int expectedRank)
    {
        uint found = BinaryPrimitives.ReadUInt32BigEndian(magic);
        uint expected = (uint)(UnsignedByteTypeCode << 8 | expectedRank);
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw Invalid(path, $"magic number 0x{found:X8} does not start with two zero " +
                $"bytes, so this is not an IDX file (expected 0x{expected:X8})");
        }

        if (magic[2] != UnsignedByteTypeCode)
        {
            throw Invalid(path, $"magic number 0x{found:X8} has the data type code " +
                $"0x{magic[2]:X2} ({TypeName(magic[2])}), expected 0x{UnsignedByteTypeCode:X2} " +
                $"(unsigned byte) in magic number 0x{expected:X8}");
        }

        if (magic[3] != expectedRank)
        {
            throw Invalid(path, $"magic number 0x{found:X8} declares {magic[3]} dimensions, " +
                $"expected {expectedRank} (magic number 0x{expected:X8})");
        }
    }

    private static int[] ReadDimensions(string path, FileStream stream, int rank)
    {
        Span<byte> bytes = stackalloc byte[4 * rank];
        stream.ReadExactly(bytes);
        var dimensions = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            // IDX sizes are unsigned 32-bit. One above int.MaxValue reads as negative here,
            // and no array could hold that many values anyway.
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(4 * i, 4));
            if (dimensions[i] < 0)
            {
                throw Invalid(path, $"dimension {i} is {(uint)dimensions[i]}, more than " +
                    $"{int.MaxValue}, the largest size this reader accepts");
            }
        }

        return dimensions;
    }

    private static long CountValues(string path, int[] dimensions)
    {
        long count = 1;
        foreach (int dimension in dimensions)
        {
            // Each factor is at most int.MaxValue, so the product cannot overflow a long
            // before the bound check below stops it.
            count *= dimension;
            if (count > Array.MaxLength)
            {
                throw Invalid(path, $"the dimensions {string.Join(" x ", dimensions)} " +
                    $"describe more than {Array.MaxLength} values, more than one array can hold");
            }
        }

        return count;
    }

    private static string TypeName(byte typeCode) => typeCode switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "not an IDX type",
    };

    private static InvalidDataFileException Invalid(string path, string problem)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return new InvalidDataFileException(
            path, $"Invalid IDX file '{path}': {problem}. {MnistFiles.ReplaceHint(folder)}");
    }
}
