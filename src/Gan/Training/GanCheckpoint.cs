using System.Globalization;
using NativeGan.Nn;
using NativeGan.Nn.Serialization;
using NativeGan.Tensors;

namespace NativeGan.Gan.Training;

/// <summary>
/// Saves and restores the whole training state in one safetensors file: both networks
/// ("generator.*", "discriminator.*"), both Adam states ("optimizer_g.*", "optimizer_d.*"),
/// and in the metadata the epoch, step and generator states, so that training can resume.
/// </summary>
public static class GanCheckpoint
{
    /// <summary>Value of the "format" metadata entry.</summary>
    public const string Format = "nativegan-gan-checkpoint-v1";

    /// <summary>Writes the checkpoint atomically.</summary>
    public static void Save(
        string path,
        GanStep step,
        TrainingConfig config,
        int epoch,
        long globalStep,
        IReadOnlyDictionary<string, Rng> generators)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        AddPrefixed(tensors, "generator.", step.Generator.StateDict());
        AddPrefixed(tensors, "discriminator.", step.Discriminator.StateDict());
        AddPrefixed(tensors, "optimizer_g.", step.GeneratorOptimizer.StateDict());
        AddPrefixed(tensors, "optimizer_d.", step.DiscriminatorOptimizer.StateDict());

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["model"] = config.Model,
            ["latent_size"] = config.LatentSize.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["step"] = globalStep.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, rng) in generators)
        {
            metadata[$"rng_{name}"] = string.Join(
                ",", rng.SaveState().Select(w => w.ToString("x16", CultureInfo.InvariantCulture)));
        }

        SafeTensorsFile.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Restores networks, optimizer states and generator states from a checkpoint written
    /// by <see cref="Save"/>; returns the epoch and global step it was written after. Nothing
    /// is changed when the file does not match.
    /// </summary>
    public static (int Epoch, long Step) Load(
        string path, GanStep step, IReadOnlyDictionary<string, Rng> generators)
    {
        SafeTensorsContent content = SafeTensorsFile.Load(path);
        CheckFormat(path, content);
        int epoch = ParseMetadata<int>(path, content, "epoch");
        long globalStep = ParseMetadata<long>(path, content, "step");
        var states = new Dictionary<string, ulong[]>();
        foreach (string name in generators.Keys)
        {
            string key = $"rng_{name}";
            if (!content.Metadata.TryGetValue(key, out string? text))
            {
                throw new InvalidDataException(
                    $"{path}: metadata '{key}' is missing, so the run cannot resume exactly. " +
                    "The checkpoint was written by another version; start a new run.");
            }

            states[name] = text.Split(',')
                .Select(word => ulong.Parse(word, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
                .ToArray();
        }

        // Check every part before changing anything, so a mismatch leaves the run as it was.
        var generatorState = WithPrefix(content.Tensors, "generator.");
        var discriminatorState = WithPrefix(content.Tensors, "discriminator.");
        var backupG = Copy(step.Generator.StateDict());
        var backupD = Copy(step.Discriminator.StateDict());
        try
        {
            step.Generator.LoadStateDict(generatorState, path);
            step.Discriminator.LoadStateDict(discriminatorState, path);
            step.GeneratorOptimizer.LoadStateDict(WithPrefix(content.Tensors, "optimizer_g."), path);
            step.DiscriminatorOptimizer.LoadStateDict(WithPrefix(content.Tensors, "optimizer_d."), path);
        }
        catch
        {
            step.Generator.LoadStateDict(backupG, "backup");
            step.Discriminator.LoadStateDict(backupD, "backup");
            throw;
        }

        foreach (var (name, rng) in generators)
        {
            rng.Restore(states[name]);
        }

        return (epoch, globalStep);
    }

    /// <summary>
    /// Loads a checkpoint's generator weights into <paramref name="generator"/>; the error
    /// names the file when it is not a checkpoint or was saved from another architecture.
    /// </summary>
    public static void LoadGenerator(string path, Module generator)
    {
        SafeTensorsContent content = SafeTensorsFile.Load(path);
        CheckFormat(path, content);
        generator.LoadStateDict(WithPrefix(content.Tensors, "generator."), path);
    }

    private static void CheckFormat(string path, SafeTensorsContent content)
    {
        if (!content.Metadata.TryGetValue("format", out string? format) || format != Format)
        {
            throw new InvalidDataException(
                $"{path} is not a NativeGan GAN checkpoint (metadata format is " +
                $"'{format ?? "missing"}', expected '{Format}'). Pass a file from a run's " +
                "checkpoints folder.");
        }
    }

    private static T ParseMetadata<T>(string path, SafeTensorsContent content, string key)
        where T : IParsable<T>
    {
        if (!content.Metadata.TryGetValue(key, out string? text) ||
            !T.TryParse(text, CultureInfo.InvariantCulture, out T? value))
        {
            throw new InvalidDataException(
                $"{path}: metadata '{key}' is missing or invalid. The checkpoint is damaged; " +
                "use an earlier one.");
        }

        return value;
    }

    private static Dictionary<string, Tensor> Copy(Dictionary<string, Tensor> state) =>
        state.ToDictionary(entry => entry.Key, entry => entry.Value.Clone(), StringComparer.Ordinal);

    private static void AddPrefixed(
        Dictionary<string, Tensor> target, string prefix, Dictionary<string, Tensor> source)
    {
        foreach (var (name, tensor) in source)
        {
            target[prefix + name] = tensor;
        }
    }

    private static Dictionary<string, Tensor> WithPrefix(
        IReadOnlyDictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key[prefix.Length..], t => t.Value, StringComparer.Ordinal);
}
