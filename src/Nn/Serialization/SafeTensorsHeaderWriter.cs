using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NativeGan.Tensors;

namespace NativeGan.Nn.Serialization;

/// <summary>
/// Builds the JSON header of a safetensors file: compact JSON, "__metadata__" first, then
/// one entry per tensor in the order given, padded with spaces to a multiple of 8 bytes.
/// </summary>
/// <remarks>
/// The layout matches the writer of the Rust safetensors crate, which Python's save_file calls
/// (serde_json compact output). For F32 tensors with printable ASCII names the files are
/// byte-identical, except that the crate writes metadata keys in hash map order and we sort them.
/// </remarks>
internal static class SafeTensorsHeaderWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Escape only what JSON requires (quotes, backslashes, control characters), as
        // serde_json does, instead of System.Text.Json's HTML-safe default.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// Builds the padded header for <paramref name="tensors"/>, packed back to back in the
    /// given order; the metadata object is written only when it has entries.
    /// </summary>
    public static byte[] Build(
        IReadOnlyList<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            if (metadata.Count > 0)
            {
                writer.WriteStartObject(SafeTensorsFile.MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                writer.WriteStartObject(name);
                writer.WriteString("dtype", SafeTensorsFile.Float32Dtype);
                writer.WriteStartArray("shape");
                foreach (int dim in tensor.Shape.AsSpan())
                {
                    writer.WriteNumberValue(dim);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                offset += (long)sizeof(float) * tensor.Length;
                writer.WriteNumberValue(offset);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        // Pad so that the data, which starts after the 8-byte length and the header, is
        // 8-byte aligned and can be mapped as float or double arrays without copying.
        int padding = (8 - buffer.WrittenCount % 8) % 8;
        byte[] header = new byte[buffer.WrittenCount + padding];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    /// <summary>
    /// Sorts entries by the UTF-8 bytes of their keys, the order the safetensors crate uses
    /// (Rust string order), which differs from UTF-16 ordinal order for some characters.
    /// </summary>
    public static KeyValuePair<string, T>[] SortByUtf8Key<T>(
        IEnumerable<KeyValuePair<string, T>> entries)
    {
        var keyed = entries
            .Select(e => (Bytes: Encoding.UTF8.GetBytes(e.Key), Entry: e))
            .ToArray();
        Array.Sort(keyed, (x, y) => x.Bytes.AsSpan().SequenceCompareTo(y.Bytes));
        return keyed.Select(k => k.Entry).ToArray();
    }
}
