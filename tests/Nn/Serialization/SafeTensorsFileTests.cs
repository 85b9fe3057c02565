using System.Buffers.Binary;
using System.Text;
using NativeGan.Nn.Serialization;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Serialization;

public sealed class SafeTensorsFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SaveLoad_MixedShapes_RoundTripBits()
    {
        var rng = new Rng(7);
        var tensors = new Dictionary<string, Tensor>
        {
            ["fc.weight"] = RandomTensor(rng, 3, 5),
            ["fc.bias"] = RandomTensor(rng, 5),
            ["conv.weight"] = RandomTensor(rng, 2, 3, 4, 4),
            ["step"] = Tensor.Scalar(42.5f),
            ["empty"] = new Tensor(0, 4),
            ["special"] = Tensor.FromArray(
                [float.NaN, -0f, float.PositiveInfinity, float.NegativeInfinity,
                 float.Epsilon, float.MaxValue, -1e-40f],
                7),
        };
        string path = _folder.File("model.safetensors");

        SafeTensorsFile.Save(path, tensors);
        SafeTensorsContent loaded = SafeTensorsFile.Load(path);

        Assert.Equal(tensors.Keys.Order(), loaded.Tensors.Keys.Order());
        foreach (var (name, expected) in tensors)
        {
            Tensor actual = loaded.Tensors[name];
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(Bits(expected), Bits(actual));
        }
    }

    [Fact]
    public void Save_TinyFile_MatchesHandBuiltBytes()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["b"] = Tensor.FromArray([1f, -2f], 2),
            ["a"] = Tensor.Scalar(0.5f),
        };
        // Tensors sorted by name, compact JSON, offsets relative to the end of the header.
        const string json =
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}," +
            "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        // 107 bytes of JSON plus 5 spaces make 112, so the data starts at 8 + 112 = 120.
        const string paddedHeader = json + "     ";
        var expected = new List<byte> { 112, 0, 0, 0, 0, 0, 0, 0 };
        expected.AddRange(Encoding.UTF8.GetBytes(paddedHeader));
        expected.AddRange(new byte[] { 0x00, 0x00, 0x00, 0x3F }); // 0.5f = 0x3F000000
        expected.AddRange(new byte[] { 0x00, 0x00, 0x80, 0x3F }); // 1f = 0x3F800000
        expected.AddRange(new byte[] { 0x00, 0x00, 0x00, 0xC0 }); // -2f = 0xC0000000
        string path = _folder.File("tiny.safetensors");

        SafeTensorsFile.Save(path, tensors);

        Assert.Equal(112, Encoding.UTF8.GetByteCount(paddedHeader));
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
    }

    // Expected bytes of the Rust safetensors crate's own serialization tests: the header
    // as it writes it, padded with spaces to a multiple of 8.
    [Theory]
    [InlineData(false, "{}      ")]
    [InlineData(true, "{\"__metadata__\":{\"framework\":\"pt\"}}     ")]
    public void Write_NoTensors_MatchesReferenceWriterBytes(bool withMetadata, string header)
    {
        var metadata = withMetadata
            ? new Dictionary<string, string> { ["framework"] = "pt" }
            : null;
        var stream = new MemoryStream();

        SafeTensorsFile.Write(stream, new Dictionary<string, Tensor>(), metadata);

        byte[] expected = [.. LengthPrefix(header.Length), .. Encoding.UTF8.GetBytes(header)];
        Assert.Equal(expected, stream.ToArray());
    }

    [Fact]
    public void Write_ShortName_MatchesReferenceWriterBytes()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["attn0"] = Tensor.FromArray([0f, 1f, 2f, 3f, 4f, 5f], 1, 1, 2, 3),
        };
        const string header =
            "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ";
        var stream = new MemoryStream();

        SafeTensorsFile.Write(stream, tensors);

        byte[] expected =
        [
            .. LengthPrefix(72), .. Encoding.UTF8.GetBytes(header),
            0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
        ];
        Assert.Equal(expected, stream.ToArray());
    }

    [Theory]
    [InlineData("w")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("abcd")]
    [InlineData("abcde")]
    [InlineData("abcdef")]
    [InlineData("abcdefg")]
    [InlineData("abcdefgh")]
    public void Write_AnyNameLength_StartsDataAtMultipleOf8(string name)
    {
        var stream = new MemoryStream();

        SafeTensorsFile.Write(stream, new Dictionary<string, Tensor> { [name] = new(3) });

        byte[] bytes = stream.ToArray();
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, (8 + headerLength) % 8);
        Assert.Equal(8 + (long)headerLength + 12, bytes.Length);
    }

    [Fact]
    public void Write_InsertionOrderDiffers_WritesSameBytes()
    {
        var rng = new Rng(3);
        Tensor x = RandomTensor(rng, 4), y = RandomTensor(rng, 2, 2), z = RandomTensor(rng, 1);
        var forward = new Dictionary<string, Tensor> { ["x"] = x, ["y"] = y, ["z"] = z };
        var backward = new Dictionary<string, Tensor> { ["z"] = z, ["y"] = y, ["x"] = x };
        var metaForward = new Dictionary<string, string> { ["k1"] = "1", ["k2"] = "2" };
        var metaBackward = new Dictionary<string, string> { ["k2"] = "2", ["k1"] = "1" };
        var first = new MemoryStream();
        var second = new MemoryStream();

        SafeTensorsFile.Write(first, forward, metaForward);
        SafeTensorsFile.Write(second, backward, metaBackward);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void SaveLoad_Metadata_RoundTrips()
    {
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["epoch"] = "12",
            ["note"] = "quotes \" backslash \\ newline \n unicode é ✓",
            ["empty"] = "",
        };
        string path = _folder.File("meta.safetensors");

        SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["w"] = new(2) }, metadata);
        SafeTensorsContent loaded = SafeTensorsFile.Load(path);

        Assert.Equal(metadata.OrderBy(p => p.Key), loaded.Metadata.OrderBy(p => p.Key));
    }

    [Fact]
    public void Load_NoMetadataObject_ReturnsEmptyMetadata()
    {
        string path = _folder.File("plain.safetensors");
        SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["w"] = new(2) });

        SafeTensorsContent loaded = SafeTensorsFile.Load(path);

        Assert.Empty(loaded.Metadata);
    }

    [Fact]
    public void Load_UnorderedEntries_ReadsByOffset()
    {
        // Other writers may list entries in any order; only the offsets place the data.
        const string json =
            "{\"second\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}," +
            "\"first\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        byte[] data = [.. FloatBytes(10f), .. FloatBytes(20f)];
        string path = _folder.File("unordered.safetensors");
        File.WriteAllBytes(
            path, [.. LengthPrefix(json.Length), .. Encoding.UTF8.GetBytes(json), .. data]);

        SafeTensorsContent loaded = SafeTensorsFile.Load(path);

        Assert.Equal(10f, loaded.Tensors["first"].Item());
        Assert.Equal(20f, loaded.Tensors["second"].Item());
    }

    [Fact]
    public void Save_ExistingFile_ReplacesWithoutLeftovers()
    {
        string path = _folder.File("replaced.safetensors");
        SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["old"] = new(100) });

        SafeTensorsFile.Save(path, new Dictionary<string, Tensor> { ["new"] = Tensor.Scalar(1f) });

        Assert.Equal(["new"], SafeTensorsFile.Load(path).Tensors.Keys);
        Assert.Equal([path], Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Save_ReservedMetadataName_ThrowsNamingIt()
    {
        var tensors = new Dictionary<string, Tensor> { ["__metadata__"] = new(1) };

        var error = Assert.Throws<ArgumentException>(
            () => SafeTensorsFile.Save(_folder.File("bad.safetensors"), tensors));

        Assert.Contains("'__metadata__' is reserved", error.Message);
    }

    [Fact]
    public void Save_NullTensor_ThrowsNamingIt()
    {
        var tensors = new Dictionary<string, Tensor> { ["w"] = null! };

        var error = Assert.Throws<ArgumentException>(
            () => SafeTensorsFile.Save(_folder.File("bad.safetensors"), tensors));

        Assert.Contains("Tensor 'w' is null", error.Message);
    }

    [Fact]
    public void Save_UnpairedSurrogateInName_Throws()
    {
        var tensors = new Dictionary<string, Tensor> { ["w\uD800"] = new(1) };

        var error = Assert.Throws<ArgumentException>(
            () => SafeTensorsFile.Save(_folder.File("bad.safetensors"), tensors));

        Assert.Contains("unpaired surrogate", error.Message);
    }

    private static Tensor RandomTensor(Rng rng, params int[] shape)
    {
        var tensor = new Tensor(shape);
        rng.FillNormal(tensor.AsSpan());
        return tensor;
    }

    private static int[] Bits(Tensor tensor) =>
        tensor.Data.Select(BitConverter.SingleToInt32Bits).ToArray();

    private static byte[] LengthPrefix(long headerLength)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, headerLength);
        return bytes;
    }

    private static byte[] FloatBytes(float value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        return bytes;
    }
}
