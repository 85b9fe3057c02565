using System.CommandLine;
using System.CommandLine.Parsing;

namespace NativeGan.Cli;

/// <summary>Integer options with a lower bound, whose parse error names the option and the bound.</summary>
public static class IntOptions
{
    /// <summary>Creates an option that must be at least 1.</summary>
    public static Option<int> Positive(string name, string description, int defaultValue) =>
        AtLeast(name, description, defaultValue, 1, "at least 1");

    /// <summary>Creates an option that must be at least <paramref name="minimum"/>; <paramref name="rule"/> words the bound.</summary>
    public static Option<int> AtLeast(
        string name, string description, int defaultValue, int minimum, string rule)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result => Require(result, minimum, rule));
        return option;
    }

    private static void Require(OptionResult result, int minimum, string rule)
    {
        int value = result.GetValueOrDefault<int>();
        if (value < minimum)
        {
            result.AddError($"Invalid {result.Option.Name} {value}: it must be {rule}.");
        }
    }
}
