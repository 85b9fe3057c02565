using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using NativeGan.Nn.IO;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Nn.Serialization;

/// <summary>
/// Reads and writes float32 tensors in the safetensors format of Hugging Face's
/// <c>safetensors</c> package, so that files load with Python's
/// <c>safetensors.numpy.load_file</c> or <c>safetensors.torch.load_file</c>.
/// </summary>
/// <remarks>
/// Layout: an 8-byte little-endian unsigned header length N; N bytes of UTF-8 JSON that map
/// each tensor name to <c>{"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}</c>
/// (offsets relative to the first byte after the header, end exclusive), plus an optional
/// <c>"__metadata__"</c> object of string values; then the tensor data, little-endian and
/// row-major, packed back to back. Only F32 is read or written.
/// </remarks>
public static class SafeTensorsFile
{
    /// <summary>Largest header length in bytes that the reader accepts (100 MB), the limit
    /// of the reference reader (MAX_HEADER_SIZE in the Rust safetensors crate).</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>Header key of the optional object of string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    internal const string Float32Dtype = "F32";

    // Tensor data is copied through a buffer of this many floats (4 MiB), so that byte spans
    // never exceed int.MaxValue and big-endian hosts convert one chunk at a time.
    private const int ChunkElements = 1 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes <paramref name="tensors"/> and optional <paramref name="metadata"/> to
    /// <paramref name="path"/> atomically, through a temporary file and a rename.
    /// Tensors are sorted by name (UTF-8 byte order, as Python's writer does for tensors of one
    /// dtype) and metadata by key, so the same input always gives the same bytes.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A tensor is null, a name is "__metadata__" or not valid UTF-16, or the header would
    /// exceed <see cref="MaxHeaderLength"/>.
    /// </exception>
    public static void Save(
        string path,
        IReadOnlyDictionary<string, Tensor> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        PreparedFile prepared = Prepare(tensors, metadata);
        AtomicFile.Write(path, stream => WritePrepared(stream, prepared));
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> and optional <paramref name="metadata"/> to
    /// <paramref name="stream"/> in the same layout as <see cref="Save"/>.
    /// </summary>
    public static void Write(
        Stream stream,
        IReadOnlyDictionary<string, Tensor> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WritePrepared(stream, Prepare(tensors, metadata));
    }

    /// <summary>
    /// Reads every tensor and the metadata of the safetensors file at <paramref name="path"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is not a well-formed safetensors file of F32 tensors. The message names the
    /// file and the problem.
    /// </exception>
    public static SafeTensorsContent Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads a safetensors file from the current position to the end of a seekable
    /// <paramref name="stream"/>; <paramref name="source"/> names it in error messages.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed file.</exception>
    public static SafeTensorsContent Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException(
                $"Cannot read '{source}': the stream must be readable and seekable, because " +
                "the reader checks the header against the stream length. Copy it into a " +
                "MemoryStream first.", nameof(stream));
        }

        long fileLength = stream.Length - stream.Position;
        if (fileLength < sizeof(ulong))
        {
            throw Invalid(
                source,
                $"the file is {fileLength} bytes long, shorter than the 8-byte header length " +
                "that starts every safetensors file. It is truncated or not a safetensors file.");
        }

        Span<byte> lengthBytes = stackalloc byte[sizeof(ulong)];
        stream.ReadExactly(lengthBytes);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderLength)
        {
            throw Invalid(
                source,
                $"the header length is {headerLength} bytes, above the safetensors limit of " +
                $"{MaxHeaderLength} bytes. The file is corrupt or not a safetensors file.");
        }

        long afterLength = fileLength - sizeof(ulong);
        if ((long)headerLength > afterLength)
        {
            throw Invalid(
                source,
                $"the header length is {headerLength} bytes, but only {afterLength} bytes " +
                "follow the length field. The file is truncated or not a safetensors file.");
        }

        byte[] header = new byte[headerLength];
        stream.ReadExactly(header);
        long dataLength = afterLength - (long)headerLength;
        var (entries, metadata) = SafeTensorsHeaderReader.Parse(header, dataLength, source);

        // Entries are sorted by offset and tile the data exactly, so one forward pass reads
        // them all.
        var tensors = new Dictionary<string, Tensor>(entries.Count);
        foreach (SafeTensorsEntry entry in entries)
        {
            var tensor = new Tensor(new Shape(entry.Shape));
            ReadFloats(stream, tensor.Data);
            tensors.Add(entry.Name, tensor);
        }

        return new SafeTensorsContent(tensors, metadata);
    }

    /// <summary>Creates the exception for a malformed file, naming the file.</summary>
    internal static InvalidDataException Invalid(
        string source, string problem, Exception? inner = null) =>
        new($"Invalid safetensors file '{source}': {problem}", inner);

    private sealed record PreparedFile(byte[] Header, KeyValuePair<string, Tensor>[] Tensors);

    private static PreparedFile Prepare(
        IReadOnlyDictionary<string, Tensor> tensors,
        IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var (name, tensor) in tensors)
        {
            if (tensor is null)
            {
                throw new ArgumentException(
                    $"Tensor '{name}' is null; pass a tensor for every name.", nameof(tensors));
            }

            if (name == MetadataKey)
            {
                throw new ArgumentException(
                    $"'{MetadataKey}' is reserved for the metadata object of the header and " +
                    "cannot name a tensor; rename the tensor.", nameof(tensors));
            }

            CheckUtf16(name, "Tensor name", nameof(tensors));
        }

        var sortedMetadata = SafeTensorsHeaderWriter.SortByUtf8Key(
            metadata ?? new Dictionary<string, string>());
        foreach (var (key, value) in sortedMetadata)
        {
            CheckUtf16(key, "Metadata key", nameof(metadata));
            if (value is null)
            {
                throw new ArgumentException(
                    $"Metadata value of key '{key}' is null; safetensors metadata values must " +
                    "be strings.", nameof(metadata));
            }

            CheckUtf16(value, $"Metadata value of key '{key}'", nameof(metadata));
        }

        var sortedTensors = SafeTensorsHeaderWriter.SortByUtf8Key(tensors);
        byte[] header = SafeTensorsHeaderWriter.Build(sortedTensors, sortedMetadata);
        if (header.Length > MaxHeaderLength)
        {
            throw new ArgumentException(
                $"The header would be {header.Length} bytes, above the safetensors limit of " +
                $"{MaxHeaderLength} bytes; save fewer tensors or shorter metadata per file.",
                nameof(tensors));
        }

        return new PreparedFile(header, sortedTensors);
    }

    private static void CheckUtf16(string text, string subject, string parameter)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException(
                $"{subject} \"{text}\" contains an unpaired surrogate and cannot be encoded as " +
                "UTF-8; fix the string.", parameter, e);
        }
    }

    private static void WritePrepared(Stream stream, PreparedFile prepared)
    {
        Span<byte> lengthBytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)prepared.Header.Length);
        stream.Write(lengthBytes);
        stream.Write(prepared.Header);
        foreach (var (_, tensor) in prepared.Tensors)
        {
            // A tensor on a device is copied to the host here, one at a time.
            WriteFloats(stream, tensor.To(ComputeDevice.Cpu).Data);
        }
    }

    private static void WriteFloats(Stream stream, ReadOnlySpan<float> values)
    {
        float[]? swapped = BitConverter.IsLittleEndian ? null : new float[ChunkElements];
        for (int start = 0; start < values.Length; start += ChunkElements)
        {
            ReadOnlySpan<float> chunk = values.Slice(
                start, Math.Min(ChunkElements, values.Length - start));
            if (swapped is not null)
            {
                Span<int> target = MemoryMarshal.Cast<float, int>(swapped.AsSpan(0, chunk.Length));
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(chunk), target);
                chunk = swapped.AsSpan(0, chunk.Length);
            }

            stream.Write(MemoryMarshal.AsBytes(chunk));
        }
    }

    private static void ReadFloats(Stream stream, Span<float> values)
    {
        for (int start = 0; start < values.Length; start += ChunkElements)
        {
            Span<float> chunk = values.Slice(start, Math.Min(ChunkElements, values.Length - start));
            stream.ReadExactly(MemoryMarshal.AsBytes(chunk));
            if (!BitConverter.IsLittleEndian)
            {
                Span<int> bits = MemoryMarshal.Cast<float, int>(chunk);
                BinaryPrimitives.ReverseEndianness(bits, bits);
            }
        }
    }
}
