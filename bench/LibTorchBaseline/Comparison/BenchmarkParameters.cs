using System.Globalization;

namespace NativeGan.LibTorchBaseline.Comparison;

/// <summary>
/// Parameters of one BenchmarkDotNet case, parsed from the report's "Parameters" string,
/// for example <c>Size=256&amp;Threads=1</c>.
/// </summary>
public sealed class BenchmarkParameters
{
    private readonly Dictionary<string, string> _values;

    /// <summary>Parses a "Name=value&amp;Name=value" string; an empty string has no parameters.</summary>
    public BenchmarkParameters(string text)
    {
        _values = text
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
    }

    /// <summary>Returns the parameter <paramref name="name"/> as text, or null if absent.</summary>
    public string? GetString(string name) => _values.GetValueOrDefault(name);

    /// <summary>Returns the integer parameter <paramref name="name"/>, or null if absent.</summary>
    public int? GetInt(string name) =>
        _values.TryGetValue(name, out string? text) &&
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : null;
}
