using System.Globalization;
using System.Text.Json;

namespace NativeGan.Gan.Reports;

/// <summary>
/// Options of a run read from its config.json, split into the highlights a reader looks for
/// first (model, epochs, batch size, optimizer, seed, labels, G's loss) and every other
/// option as dotted name and value. Reading the JSON without a fixed type keeps the report
/// working for configs with options that this code does not know.
/// </summary>
internal sealed class ConfigSummary
{
    private ConfigSummary(
        List<(string Name, string Value)> highlights, List<(string Name, string Value)> others)
    {
        Highlights = highlights;
        Others = others;
    }

    /// <summary>Highlighted options as (label, value), in reading order.</summary>
    public IReadOnlyList<(string Name, string Value)> Highlights { get; }

    /// <summary>All remaining options as (dotted JSON name, value), in file order.</summary>
    public IReadOnlyList<(string Name, string Value)> Others { get; }

    /// <summary>Number of epochs the run was configured for, or null when not stated.</summary>
    public int? Epochs { get; private init; }

    /// <summary>
    /// Reads <paramref name="path"/>; returns null when it does not exist. Throws
    /// <see cref="InvalidDataException"/> naming the file and line when it is not valid JSON
    /// or not a JSON object.
    /// </summary>
    public static ConfigSummary? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var options = new Dictionary<string, JsonElement>();
        var order = new List<string>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException(
                    $"{path} line 1: expected a JSON object of training options, found " +
                    $"{document.RootElement.ValueKind}. Restore the run's config.json.");
            }

            Flatten(document.RootElement, "", options, order);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"{path} line {e.LineNumber + 1} is not valid JSON: {e.Message} Repair the " +
                "file or restore the run's config.json.", e);
        }

        var highlights = new List<(string, string)>();
        void Add(string label, string value) => highlights.Add((label, value));
        string? Take(string name) => options.Remove(name, out JsonElement value)
            ? Format(value)
            : null;

        string? model = Take("model");
        string? epochs = Take("epochs");
        string? batchSize = Take("batchSize");
        string? learningRate = Take("learningRate");
        string? beta1 = Take("beta1");
        string? beta2 = Take("beta2");
        string? seed = Take("seed");
        string? trainSamples = Take("trainSamples");
        string? soft = Take("labels.soft");
        string? realLow = Take("labels.realLow");
        string? realHigh = Take("labels.realHigh");
        string? fakeLow = Take("labels.fakeLow");
        string? fakeHigh = Take("labels.fakeHigh");
        string? reversed = Take("labels.reversed");
        string? flips = Take("labels.flipProbability");
        string? generatorLoss = Take("generatorLoss");

        Add("model", model ?? "not stated");
        Add("epochs", epochs ?? "not stated");
        Add("batch size", batchSize ?? "not stated");
        Add("learning rate", learningRate is null
            ? "not stated"
            : $"{learningRate} (Adam, betas {beta1 ?? "?"}, {beta2 ?? "?"})");
        Add("seed", seed ?? "not stated");
        Add("training images", trainSamples is null or "0" ? "all" : trainSamples);
        // The soft ranges are stated in the usual convention; reversal maps a target t to 1 - t.
        Add("labels", soft == "true"
            ? $"soft: real from U({realLow ?? "?"}, {realHigh ?? "?"}), " +
                $"fake from U({fakeLow ?? "?"}, {fakeHigh ?? "?"})" +
                (reversed == "true" ? ", before the reversal" : "")
            : "hard: real 1, fake 0");
        Add("label convention", reversed == "true"
            ? "reversed: real = 0, fake = 1"
            : "usual: real = 1, fake = 0");
        Add("label flip probability", flips ?? "0");
        Add("G loss", generatorLoss ?? "not stated");

        return new ConfigSummary(
            highlights,
            order.Where(options.ContainsKey).Select(name => (name, Format(options[name]))).ToList())
        {
            Epochs = int.TryParse(epochs, CultureInfo.InvariantCulture, out int count)
                ? count
                : null,
        };
    }

    private static void Flatten(
        JsonElement element,
        string prefix,
        Dictionary<string, JsonElement> options,
        List<string> order)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            // A name that the JSON repeats keeps its first value.
            if (options.TryAdd(prefix, element.Clone()))
            {
                order.Add(prefix);
            }

            return;
        }

        foreach (JsonProperty property in element.EnumerateObject())
        {
            string name = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            Flatten(property.Value, name, options, order);
        }
    }

    private static string Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };
}
