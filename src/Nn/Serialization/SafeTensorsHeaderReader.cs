using System.Text.Json;
using System.Text.Unicode;

namespace NativeGan.Nn.Serialization;

/// <summary>
/// Parses and validates the JSON header of a safetensors file. Every failed check throws an
/// <see cref="InvalidDataException"/> that names the file and the offending value.
/// </summary>
internal static class SafeTensorsHeaderReader
{
    private const string FixCorrupt =
        "The file is corrupt or was not written by a safetensors writer. Write it again.";

    // Dtype names of the safetensors format (the Dtype enum of the Rust safetensors crate),
    // listed so that a valid but unsupported dtype gets a different message from a typo.
    private static readonly HashSet<string> KnownDtypes =
    [
        "BOOL", "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0",
        "F8_E4M3FNUZ", "F8_E5M2FNUZ", "I16", "U16", "F16", "BF16", "I32", "U32", "F32",
        "C64", "F64", "I64", "U64",
    ];

    /// <summary>
    /// Parses <paramref name="header"/> (the N header bytes, padding included) and checks
    /// that the tensors tile the <paramref name="dataLength"/> bytes after it exactly.
    /// Returns the entries sorted by offset and the metadata.
    /// </summary>
    public static (List<SafeTensorsEntry> Entries, Dictionary<string, string> Metadata) Parse(
        ReadOnlySpan<byte> header, long dataLength, string source)
    {
        if (!Utf8.IsValid(header))
        {
            throw SafeTensorsFile.Invalid(source, "the header is not valid UTF-8. " + FixCorrupt);
        }

        using JsonDocument document = ParseJson(header, source);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw SafeTensorsFile.Invalid(
                source,
                $"the header JSON is {Describe(root.ValueKind)}, but it must be an object " +
                "that maps tensor names to entries. " + FixCorrupt);
        }

        var entries = new List<SafeTensorsEntry>();
        var metadata = new Dictionary<string, string>();
        var seen = new HashSet<string>();
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw SafeTensorsFile.Invalid(
                    source, $"the header has the key '{property.Name}' twice. " + FixCorrupt);
            }

            if (property.Name == SafeTensorsFile.MetadataKey)
            {
                ReadMetadata(property.Value, metadata, source);
            }
            else
            {
                entries.Add(ReadEntry(property.Name, property.Value, dataLength, source));
            }
        }

        // Zero-length tensors may share an offset, so ties are broken by name.
        entries.Sort((x, y) =>
        {
            int byOffset = (x.Begin, x.End).CompareTo((y.Begin, y.End));
            return byOffset != 0 ? byOffset : string.CompareOrdinal(x.Name, y.Name);
        });
        CheckPacking(entries, dataLength, source);
        return (entries, metadata);
    }

    private static JsonDocument ParseJson(ReadOnlySpan<byte> header, string source)
    {
        try
        {
            return JsonDocument.Parse(header.ToArray());
        }
        catch (JsonException e)
        {
            throw SafeTensorsFile.Invalid(
                source, $"the header is not valid JSON ({e.Message}). " + FixCorrupt, e);
        }
    }

    private static void ReadMetadata(
        JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw SafeTensorsFile.Invalid(
                source,
                $"\"{SafeTensorsFile.MetadataKey}\" is {Describe(value.ValueKind)}, but it " +
                "must be an object of string values. " + FixCorrupt);
        }

        foreach (JsonProperty item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw SafeTensorsFile.Invalid(
                    source,
                    $"metadata key '{item.Name}' has {Describe(item.Value.ValueKind)} value, " +
                    "but safetensors metadata values must be strings. " + FixCorrupt);
            }

            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw SafeTensorsFile.Invalid(
                    source, $"metadata key '{item.Name}' appears twice. " + FixCorrupt);
            }
        }
    }

    private static SafeTensorsEntry ReadEntry(
        string name, JsonElement value, long dataLength, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw SafeTensorsFile.Invalid(
                source,
                $"the entry of tensor '{name}' is {Describe(value.ValueKind)}, but it must be " +
                "an object with dtype, shape and data_offsets. " + FixCorrupt);
        }

        string dtype = ReadDtype(name, Require(name, value, "dtype", source), source);
        int[] shape = ReadShape(name, Require(name, value, "shape", source), source);
        (long begin, long end) = ReadOffsets(
            name, Require(name, value, "data_offsets", source), source);

        string span = $"data_offsets [{begin}, {end}]";
        if (end > dataLength)
        {
            throw SafeTensorsFile.Invalid(
                source,
                $"tensor '{name}' has {span}, beyond the {dataLength} bytes of data that follow " +
                "the header. The file is truncated or its header is wrong; write it again.");
        }

        long elementCount = ElementCount(name, shape, source);
        long expectedBytes = elementCount * sizeof(float);
        if (end - begin != expectedBytes)
        {
            throw SafeTensorsFile.Invalid(
                source,
                $"tensor '{name}' has {span}, a byte length of {end - begin}, but {dtype} " +
                $"shape {FormatShape(shape)} needs 4 * {elementCount} = {expectedBytes} bytes. " +
                FixCorrupt);
        }

        return new SafeTensorsEntry(name, shape, begin, end);
    }

    private static JsonElement Require(string name, JsonElement entry, string field, string source)
    {
        if (!entry.TryGetProperty(field, out JsonElement value))
        {
            throw SafeTensorsFile.Invalid(
                source,
                $"the entry of tensor '{name}' has no \"{field}\" field; every entry needs " +
                "dtype, shape and data_offsets. " + FixCorrupt);
        }

        return value;
    }

    private static string ReadDtype(string name, JsonElement value, string source)
    {
        string? dtype = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (dtype == SafeTensorsFile.Float32Dtype)
        {
            return dtype;
        }

        string dtypeText = dtype ?? value.GetRawText();
        string kind = dtype is not null && KnownDtypes.Contains(dtype)
            ? $"dtype {dtypeText}"
            : $"unknown dtype {dtypeText}";
        throw SafeTensorsFile.Invalid(
            source,
            $"tensor '{name}' has {kind}, but NativeGan reads only F32 (float32) tensors. " +
            "Convert the tensors to float32 before saving (in PyTorch: tensor.float()).");
    }

    private static int[] ReadShape(string name, JsonElement value, string source)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw SafeTensorsFile.Invalid(
                source,
                $"tensor '{name}' has shape {value.GetRawText()}, but a shape must be an array " +
                "of non-negative integers. " + FixCorrupt);
        }

        var shape = new int[value.GetArrayLength()];
        int axis = 0;
        foreach (JsonElement dim in value.EnumerateArray())
        {
            string? problem = DimensionProblem(dim);
            if (problem is not null)
            {
                throw SafeTensorsFile.Invalid(
                    source,
                    $"tensor '{name}' has shape {value.GetRawText()}, whose dimension {axis} " +
                    $"({dim.GetRawText()}) {problem}; dimensions must be non-negative " +
                    "integers. " + FixCorrupt);
            }

            shape[axis++] = dim.GetInt32();
        }

        return shape;
    }

    private static string? DimensionProblem(JsonElement dim)
    {
        if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out long size))
        {
            return "is not an integer";
        }

        if (size < 0)
        {
            return "is negative";
        }

        if (size > int.MaxValue)
        {
            return $"exceeds the largest supported dimension, {int.MaxValue}";
        }

        return null;
    }

    private static (long Begin, long End) ReadOffsets(string name, JsonElement value, string source)
    {
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2
            && TryGetOffset(value[0], out long begin) && TryGetOffset(value[1], out long end))
        {
            if (end < begin)
            {
                throw SafeTensorsFile.Invalid(
                    source,
                    $"tensor '{name}' has data_offsets [{begin}, {end}], whose end comes " +
                    "before its begin; offsets must be [begin, end) with begin <= end. " +
                    FixCorrupt);
            }

            return (begin, end);
        }

        throw SafeTensorsFile.Invalid(
            source,
            $"tensor '{name}' has data_offsets {value.GetRawText()}, but data_offsets must be " +
            "two non-negative integers [begin, end]. " + FixCorrupt);
    }

    private static bool TryGetOffset(JsonElement value, out long offset)
    {
        offset = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out offset)
            && offset >= 0;
    }

    private static long ElementCount(string name, int[] shape, string source)
    {
        long count = 1;
        foreach (int dim in shape)
        {
            count *= dim;
            if (count > Array.MaxLength)
            {
                throw SafeTensorsFile.Invalid(
                    source,
                    $"tensor '{name}' has shape {FormatShape(shape)}, more elements than one " +
                    $"array can hold ({Array.MaxLength}). Split the tensor before saving.");
            }
        }

        return count;
    }

    /// <summary>
    /// Checks that the entries, sorted by offset, cover the data from byte 0 to
    /// <paramref name="dataLength"/> with no gap and no overlap, as the format requires.
    /// </summary>
    private static void CheckPacking(
        List<SafeTensorsEntry> sorted, long dataLength, string source)
    {
        long expectedBegin = 0;
        string previous = "";
        foreach (SafeTensorsEntry entry in sorted)
        {
            string span = $"data_offsets [{entry.Begin}, {entry.End}]";
            if (entry.Begin > expectedBegin)
            {
                throw SafeTensorsFile.Invalid(
                    source,
                    $"tensor '{entry.Name}' has {span}, leaving a gap of " +
                    $"{entry.Begin - expectedBegin} unused bytes after offset {expectedBegin}; " +
                    "tensors must be packed back to back from offset 0. " + FixCorrupt);
            }

            if (entry.Begin < expectedBegin)
            {
                throw SafeTensorsFile.Invalid(
                    source,
                    $"tensor '{entry.Name}' has {span}, which overlaps tensor '{previous}' " +
                    $"ending at offset {expectedBegin}. " + FixCorrupt);
            }

            expectedBegin = entry.End;
            previous = entry.Name;
        }

        if (expectedBegin != dataLength)
        {
            throw SafeTensorsFile.Invalid(
                source,
                $"{dataLength - expectedBegin} trailing bytes follow the last tensor, which " +
                $"ends at offset {expectedBegin} of {dataLength} bytes of data. " + FixCorrupt);
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    private static string FormatShape(int[] shape) => "[" + string.Join(", ", shape) + "]";
}
