using System.CommandLine;
using System.Globalization;
using NativeGan.Gan.Models;

namespace NativeGan.Cli;

/// <summary>Command-line options that shape G and D, shared by `train` and `vae`.</summary>
public sealed class ArchitectureCliOptions
{
    /// <summary>Creates the options; their defaults keep the reference model.</summary>
    public ArchitectureCliOptions()
    {
        Activation = new Option<string?>("--activation")
        {
            Description = "Hidden activation of G and D (default: the reference model's).",
        };
        Activation.AcceptOnlyFromAmong([.. ArchitectureOptions.ActivationNames]);
        GeneratorWidths = Widths("--g-widths", "G's hidden widths, e.g. 256,512,1024 (mlp) or 256,128 (dcgan channels).");
        DiscriminatorWidths = Widths("--d-widths", "D's hidden widths, e.g. 512,256 (mlp) or 64,128 (dcgan channels).");
        BatchNorm = new Option<bool?>("--batch-norm")
        {
            Description = "Batch norm after hidden layers: true or false (default: the reference model's).",
        };
        Dropout = new Option<float>("--dropout")
        {
            Description = "Dropout probability after D's hidden activations (0: off).",
            DefaultValueFactory = _ => 0f,
        };
        Dropout.Validators.Add(result =>
        {
            float value = result.GetValueOrDefault<float>();
            if (!(value >= 0f && value < 1f))
            {
                result.AddError(string.Create(
                    CultureInfo.InvariantCulture, $"Invalid --dropout {value}: it must be in [0, 1)."));
            }
        });
    }

    /// <summary>--activation</summary>
    public Option<string?> Activation { get; }

    /// <summary>--g-widths</summary>
    public Option<string?> GeneratorWidths { get; }

    /// <summary>--d-widths</summary>
    public Option<string?> DiscriminatorWidths { get; }

    /// <summary>--batch-norm</summary>
    public Option<bool?> BatchNorm { get; }

    /// <summary>--dropout</summary>
    public Option<float> Dropout { get; }

    /// <summary>All options, in help order.</summary>
    public IEnumerable<Option> All => [Activation, GeneratorWidths, DiscriminatorWidths, BatchNorm, Dropout];

    /// <summary>Returns <paramref name="baseline"/> with the options given on the command line applied.</summary>
    public ArchitectureOptions Apply(ParseResult parsed, ArchitectureOptions baseline)
    {
        bool Given(Option option) => parsed.GetResult(option) is { Implicit: false };

        return baseline with
        {
            Activation = Given(Activation) ? parsed.GetValue(Activation) : baseline.Activation,
            GeneratorWidths = Given(GeneratorWidths)
                ? ParseWidths(parsed.GetValue(GeneratorWidths)!)
                : baseline.GeneratorWidths,
            DiscriminatorWidths = Given(DiscriminatorWidths)
                ? ParseWidths(parsed.GetValue(DiscriminatorWidths)!)
                : baseline.DiscriminatorWidths,
            BatchNorm = Given(BatchNorm) ? parsed.GetValue(BatchNorm) : baseline.BatchNorm,
            Dropout = Given(Dropout) ? parsed.GetValue(Dropout) : baseline.Dropout,
        };
    }

    private static Option<string?> Widths(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "W1,W2,..." };
        option.Validators.Add(result =>
        {
            string text = result.GetValueOrDefault<string?>() ?? "";
            if (ParseWidths(text) is null)
            {
                result.AddError(
                    $"Invalid {name} '{text}': expected positive whole numbers separated by commas, " +
                    "for example 256,512,1024.");
            }
        });
        return option;
    }

    private static int[]? ParseWidths(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) ||
                widths[i] < 1)
            {
                return null;
            }
        }

        return widths;
    }
}
