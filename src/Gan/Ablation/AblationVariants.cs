using NativeGan.Gan.Training;

namespace NativeGan.Gan.Ablation;

/// <summary>Catalog of the arms of `nativegan ablate`: the baseline and one arm per training trick.</summary>
public static class AblationVariants
{
    /// <summary>Steps of D pre-training in the warm-start arm.</summary>
    public const int PretrainSteps = 200;

    /// <summary>All arms, the baseline first.</summary>
    public static IReadOnlyList<AblationVariant> All { get; } =
    [
        new("baseline", "reference training: hard labels, non-saturating G loss", (c, _) => c),
        new("soft-labels", "real targets U(0.8, 1.0), fake U(0.0, 0.2)",
            (c, _) => c with { Labels = c.Labels with { Soft = true } }),
        new("flip-labels", "5% of D's targets flipped",
            (c, _) => c with { Labels = c.Labels with { FlipProbability = 0.05f } }),
        new("reverse-labels", "swapped convention: real = 0, fake = 1",
            (c, _) => c with { Labels = c.Labels with { Reversed = true } }),
        new("minimax", "G minimizes log(1 - D(G(z)))",
            (c, _) => c with { GeneratorLoss = GeneratorLoss.Minimax }),
        new("warm-start", $"G from a VAE decoder, then {PretrainSteps} steps of D alone",
            (c, vae) => c with { WarmStart = vae, PretrainDiscriminatorSteps = PretrainSteps })
        {
            NeedsVae = true,
        },
    ];

    /// <summary>Returns the arms named in <paramref name="names"/>, or throws listing the known names.</summary>
    public static IReadOnlyList<AblationVariant> Select(IEnumerable<string> names)
    {
        var selected = new List<AblationVariant>();
        foreach (string name in names)
        {
            AblationVariant variant = All.FirstOrDefault(v => v.Name == name)
                ?? throw new InvalidConfigException(
                    "variants", name, $"must be one of: {string.Join(", ", All.Select(v => v.Name))}");
            if (!selected.Contains(variant))
            {
                selected.Add(variant);
            }
        }

        return selected;
    }
}
