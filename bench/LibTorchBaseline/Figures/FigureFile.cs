using System.Text.Json;
using System.Text.Json.Serialization;

namespace NativeGan.LibTorchBaseline.Figures;

/// <summary>
/// A JSON file of figures from one engine: what ran, where, how often, and the figures.
/// Example: <c>{"engine": "libtorch 2.10.0 (TorchSharp 0.107.0)", ..., "figures":
/// [{"name": "dcgan_step_b128", "threads": 2, "value": 390.2, "unit": "ms"}]}</c>.
/// </summary>
/// <param name="Engine">Engine and version that produced the figures.</param>
/// <param name="CreatedUtc">When the measurement finished.</param>
/// <param name="Machine">Processor, core count, OS and C library of the machine.</param>
/// <param name="Protocol">How each figure was measured, in one sentence.</param>
/// <param name="Figures">The figures, in the order measured.</param>
public sealed record FigureFile(
    string Engine,
    DateTimeOffset CreatedUtc,
    MachineInfo Machine,
    string Protocol,
    IReadOnlyList<Figure> Figures)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Writes the file to <paramref name="path"/>, replacing an existing one.</summary>
    public void Write(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(this, Options) + "\n");
    }

    /// <summary>Reads a figure file written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a figure file.</exception>
    public static FigureFile Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<FigureFile>(File.ReadAllText(path), Options) ??
                throw new InvalidDataException($"{path} contains JSON null, not figures.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"{path} is not a figure file of this program: {e.Message}", e);
        }
    }

    /// <summary>Returns true when <paramref name="json"/> has a top-level "figures" array.</summary>
    public static bool LooksLikeFigureFile(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object &&
        json.TryGetProperty("figures", out var figures) &&
        figures.ValueKind == JsonValueKind.Array;
}
