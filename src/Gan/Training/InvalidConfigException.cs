namespace NativeGan.Gan.Training;

/// <summary>A training option with an invalid value; the message names the field and the rule.</summary>
public sealed class InvalidConfigException(string field, object? value, string rule)
    : ArgumentException($"Invalid {field} {value ?? "(null)"}: it {rule}.")
{
    /// <summary>Name of the invalid field.</summary>
    public string Field { get; } = field;
}
