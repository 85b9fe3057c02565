using System.Globalization;

namespace NativeGan.LibTorchBaseline;

/// <summary>
/// Options of one command, given as <c>--name value</c> pairs; a name may repeat where the
/// command accepts several values.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _values = [];
    private readonly HashSet<string> _read = [];

    /// <summary>Parses <c>--name value</c> pairs.</summary>
    /// <exception cref="UsageException">An argument is not a <c>--name value</c> pair.</exception>
    public CommandLine(IEnumerable<string> arguments)
    {
        using var enumerator = arguments.GetEnumerator();
        while (enumerator.MoveNext())
        {
            string name = enumerator.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2)
            {
                throw new UsageException($"Expected an option such as --threads, got '{name}'.");
            }

            if (!enumerator.MoveNext())
            {
                throw new UsageException($"Option {name} needs a value.");
            }

            if (!_values.TryGetValue(name, out var list))
            {
                _values[name] = list = [];
            }

            list.Add(enumerator.Current);
        }
    }

    /// <summary>Returns the value of option <paramref name="name"/> or a default.</summary>
    public string GetString(string name, string defaultValue) =>
        GetAll(name).LastOrDefault() ?? defaultValue;

    /// <summary>Returns every value given for option <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var list) ? list : [];
    }

    /// <summary>Returns the positive integer value of option <paramref name="name"/>.</summary>
    public int GetPositiveInt(string name, int defaultValue) =>
        ParsePositive(name, GetString(name, defaultValue.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Returns a comma-separated list of positive integers, such as <c>2,1</c>.</summary>
    public IReadOnlyList<int> GetPositiveInts(string name, string defaultValue) =>
        GetString(name, defaultValue)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => ParsePositive(name, item))
            .ToArray();

    /// <summary>Rejects options that the command never read, naming them.</summary>
    /// <exception cref="UsageException">An option is unknown to the command.</exception>
    public void RejectUnread(string command)
    {
        var unknown = _values.Keys.Where(name => !_read.Contains(name)).ToArray();
        if (unknown.Length > 0)
        {
            throw new UsageException(
                $"Unknown option(s) for '{command}': {string.Join(", ", unknown)}.");
        }
    }

    private static int ParsePositive(string name, string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ||
            value < 1)
        {
            throw new UsageException($"Option {name} needs a positive integer, got '{text}'.");
        }

        return value;
    }
}
