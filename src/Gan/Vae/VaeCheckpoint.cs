using System.Globalization;
using NativeGan.Gan.Models;
using NativeGan.Nn.Serialization;
using NativeGan.Tensors;

namespace NativeGan.Gan.Vae;

/// <summary>
/// VAE weights in one safetensors file ("encoder.*", "mean.*", "log_variance.*",
/// "decoder.*"), with the model name and latent size in the metadata.
/// </summary>
public static class VaeCheckpoint
{
    /// <summary>Value of the "format" metadata entry.</summary>
    public const string Format = "nativegan-vae-checkpoint-v1";

    /// <summary>Writes the checkpoint atomically.</summary>
    public static void Save(string path, Models.Vae vae, string model, int epoch)
    {
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["model"] = model,
            ["latent_size"] = vae.LatentSize.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
        };
        SafeTensorsFile.Save(path, vae.StateDict(), metadata);
    }

    /// <summary>
    /// Copies the decoder of a VAE checkpoint into <paramref name="generator"/>. The decoder
    /// must have exactly G's parameter names and shapes. Otherwise G is unchanged, and the
    /// error names the file and the mismatch.
    /// </summary>
    public static void LoadDecoderInto(string path, ImageGenerator generator)
    {
        SafeTensorsContent content = SafeTensorsFile.Load(path);
        if (!content.Metadata.TryGetValue("format", out string? format) || format != Format)
        {
            throw new InvalidDataException(
                $"{path} is not a NativeGan VAE checkpoint (metadata format is " +
                $"'{format ?? "missing"}', expected '{Format}'). Train one with `nativegan vae` " +
                "and pass a file from its checkpoints folder.");
        }

        const string Prefix = "decoder.";
        Dictionary<string, Tensor> decoder = content.Tensors
            .Where(entry => entry.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key[Prefix.Length..], entry => entry.Value, StringComparer.Ordinal);
        generator.LoadStateDict(decoder, $"{path} (decoder)");
    }
}
