using NativeGan.Gan.Training;

namespace NativeGan.Gan.Models;

/// <summary>
/// Shape of G and D around a reference model. Unset fields keep the reference: the MLP GAN
/// with leaky ReLU(0.2) and no normalization, or DCGAN with ReLU in G, leaky ReLU(0.2) in D
/// and batch norm.
/// </summary>
public sealed record ArchitectureOptions
{
    /// <summary>Activation names accepted by <see cref="Activation"/>.</summary>
    public static IReadOnlyList<string> ActivationNames { get; } =
        ["relu", "leaky_relu", "tanh", "sigmoid"];

    /// <summary>Hidden activation of both networks; null keeps the reference's.</summary>
    public string? Activation { get; init; }

    /// <summary>
    /// G's hidden widths, first layer first: MLP layer sizes (reference 256, 512, 1024; any
    /// depth), or DCGAN channels at 7x7 and 14x14 (reference 256, 128; exactly two).
    /// </summary>
    public int[]? GeneratorWidths { get; init; }

    /// <summary>
    /// D's hidden widths: MLP layer sizes (reference 512, 256; any depth), or DCGAN channels at
    /// 14x14 and 7x7 (reference 64, 128; exactly two).
    /// </summary>
    public int[]? DiscriminatorWidths { get; init; }

    /// <summary>Batch norm after hidden layers (not D's first); null keeps the reference's (MLP off, DCGAN on).</summary>
    public bool? BatchNorm { get; init; }

    /// <summary>Dropout probability after D's hidden activations; 0 turns it off.</summary>
    public float Dropout { get; init; }

    /// <summary>Throws <see cref="InvalidConfigException"/> naming the first invalid field for <paramref name="model"/>.</summary>
    public void Validate(string model)
    {
        if (Activation is not null && !ActivationNames.Contains(Activation))
        {
            throw new InvalidConfigException(
                "architecture.Activation", Activation,
                $"must be one of: {string.Join(", ", ActivationNames)}");
        }

        CheckWidths("architecture.GeneratorWidths", GeneratorWidths, model);
        CheckWidths("architecture.DiscriminatorWidths", DiscriminatorWidths, model);
        if (!(Dropout >= 0f && Dropout < 1f))
        {
            throw new InvalidConfigException("architecture.Dropout", Dropout, "must be in [0, 1)");
        }
    }

    private static void CheckWidths(string field, int[]? widths, string model)
    {
        if (widths is null)
        {
            return;
        }

        string text = $"[{string.Join(", ", widths)}]";
        if (widths.Length == 0 || widths.Any(w => w < 1))
        {
            throw new InvalidConfigException(field, text, "must list one or more positive widths");
        }

        if (model == "dcgan" && widths.Length != 2)
        {
            throw new InvalidConfigException(
                field, text, "must list exactly two channel counts for dcgan (its depth is fixed by 28x28 images)");
        }
    }
}
