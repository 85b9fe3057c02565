using System.Buffers.Binary;
using System.Text;
using NativeGan.Nn.Serialization;

namespace NativeGan.Nn.Tests.Serialization;

public sealed class SafeTensorsLoadErrorTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_FileUnder8Bytes_ThrowsTooShort()
    {
        string path = WriteFile([1, 2, 3, 4, 5]);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("5 bytes long, shorter than the 8-byte header length", error.Message);
    }

    [Fact]
    public void Load_HeaderLengthBeyondFile_ThrowsTruncated()
    {
        string path = WriteFile([.. LengthPrefix(100), .. "{}      "u8.ToArray()]);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("header length is 100 bytes, but only 8 bytes follow", error.Message);
    }

    [Theory]
    [InlineData(100_000_001UL)]
    [InlineData(ulong.MaxValue)]
    public void Load_HeaderLengthAbove100MB_ThrowsTooLarge(ulong headerLength)
    {
        byte[] prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, headerLength);
        string path = WriteFile([.. prefix, .. "{}      "u8.ToArray()]);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains($"header length is {headerLength} bytes, above the", error.Message);
    }

    [Fact]
    public void Load_HeaderNotUtf8_ThrowsInvalidUtf8()
    {
        byte[] header = [(byte)'{', 0xFF, 0xFE, (byte)'}', 32, 32, 32, 32];
        string path = WriteFile([.. LengthPrefix(header.Length), .. header]);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("header is not valid UTF-8", error.Message);
    }

    [Theory]
    [InlineData("{\"w\":", "header is not valid JSON")]
    [InlineData("{\"w\":{}} trailing", "header is not valid JSON")]
    [InlineData("[1, 2]", "header JSON is an array, but it must be an object")]
    [InlineData("\"text\"", "header JSON is a string, but it must be an object")]
    [InlineData("{\"w\":[1]}", "entry of tensor 'w' is an array, but it must be an object")]
    [InlineData(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}," +
        "\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}",
        "has the key 'a' twice")]
    [InlineData("{\"__metadata__\":[\"x\"]}", "\"__metadata__\" is an array, but it must be")]
    [InlineData(
        "{\"__metadata__\":{\"epoch\":3}}",
        "metadata key 'epoch' has a number value, but safetensors metadata values must be")]
    public void Load_MalformedHeaderJson_ThrowsNamingProblem(string header, string expected)
    {
        string path = WriteHeaderAndData(header, dataBytes: 0);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("dtype", "{\"shape\":[1],\"data_offsets\":[0,4]}")]
    [InlineData("shape", "{\"dtype\":\"F32\",\"data_offsets\":[0,4]}")]
    [InlineData("data_offsets", "{\"dtype\":\"F32\",\"shape\":[1]}")]
    public void Load_EntryMissingField_ThrowsNamingField(string field, string entry)
    {
        string path = WriteHeaderAndData("{\"w\":" + entry + "}", dataBytes: 4);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains($"tensor 'w' has no \"{field}\" field", error.Message);
    }

    [Theory]
    [InlineData("\"F16\"", "tensor 'w' has dtype F16, but NativeGan reads only F32")]
    [InlineData("\"F64\"", "tensor 'w' has dtype F64, but NativeGan reads only F32")]
    [InlineData("\"float32\"", "tensor 'w' has unknown dtype float32, but NativeGan reads only")]
    [InlineData("4", "tensor 'w' has unknown dtype 4, but NativeGan reads only F32")]
    public void Load_UnsupportedDtype_ThrowsNamingDtypeAndSupportedOne(
        string dtype, string expected)
    {
        string path = WriteHeaderAndData(
            "{\"w\":{\"dtype\":" + dtype + ",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("[2,-1]", "dimension 1 (-1) is negative")]
    [InlineData("[2,1.5]", "dimension 1 (1.5) is not an integer")]
    [InlineData("[\"2\"]", "dimension 0 (\"2\") is not an integer")]
    [InlineData("[4294967296]", "dimension 0 (4294967296) exceeds the largest supported")]
    [InlineData("{\"n\":2}", "but a shape must be an array of non-negative integers")]
    public void Load_InvalidShape_ThrowsNamingDimension(string shape, string expected)
    {
        string path = WriteHeaderAndData(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[0,8]}}", 8);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("[8,0]", 8, "data_offsets [8, 0], whose end comes before its begin")]
    [InlineData("[0]", 8, "data_offsets [0], but data_offsets must be two non-negative")]
    [InlineData("[-8,0]", 8, "data_offsets [-8,0], but data_offsets must be two non-negative")]
    [InlineData("[0,8.0]", 8, "data_offsets [0,8.0], but data_offsets must be two non-negative")]
    [InlineData("[0,16]", 8, "has data_offsets [0, 16], beyond the 8 bytes of data")]
    public void Load_InvalidOffsets_ThrowsNamingOffsets(
        string offsets, int dataBytes, string expected)
    {
        string path = WriteHeaderAndData(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":" + offsets + "}}",
            dataBytes);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("[0,8]", "[4,12]", 12, "tensor 'b' has data_offsets [4, 12], which overlaps " +
        "tensor 'a' ending at offset 8")]
    [InlineData("[0,8]", "[12,20]", 20, "tensor 'b' has data_offsets [12, 20], leaving a gap " +
        "of 4 unused bytes after offset 8")]
    [InlineData("[4,12]", "[12,20]", 20, "tensor 'a' has data_offsets [4, 12], leaving a gap " +
        "of 4 unused bytes after offset 0")]
    [InlineData("[0,8]", "[8,16]", 20, "4 trailing bytes follow the last tensor, which ends " +
        "at offset 16 of 20 bytes")]
    public void Load_TensorsNotPackedBackToBack_ThrowsNamingTensors(
        string offsetsA, string offsetsB, int dataBytes, string expected)
    {
        string path = WriteHeaderAndData(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":" + offsetsA + "}," +
            "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":" + offsetsB + "}}",
            dataBytes);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("[3]", "[0,8]", "a byte length of 8, but F32 shape [3] needs 4 * 3 = 12 bytes")]
    [InlineData("[]", "[0,0]", "a byte length of 0, but F32 shape [] needs 4 * 1 = 4 bytes")]
    [InlineData("[2,0]", "[0,4]", "a byte length of 4, but F32 shape [2, 0] needs 4 * 0 = 0")]
    public void Load_ByteLengthNotMatchingShape_ThrowsNamingBoth(
        string shape, string offsets, string expected)
    {
        string path = WriteHeaderAndData(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}",
            8);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_NonSeekableStream_ThrowsArgumentException()
    {
        var stream = new NonSeekableStream(new byte[16]);

        var error = Assert.Throws<ArgumentException>(
            () => SafeTensorsFile.Read(stream, "pipe"));

        Assert.Contains("must be readable and seekable", error.Message);
    }

    private string WriteHeaderAndData(string header, int dataBytes)
    {
        byte[] headerBytes = Encoding.UTF8.GetBytes(header);
        return WriteFile([.. LengthPrefix(headerBytes.Length), .. headerBytes,
            .. new byte[dataBytes]]);
    }

    private string WriteFile(byte[] bytes)
    {
        string path = _folder.File(Guid.NewGuid().ToString("N") + ".safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] LengthPrefix(long headerLength)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, headerLength);
        return bytes;
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
