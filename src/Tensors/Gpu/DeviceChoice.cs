namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Requested compute device: the CPU, a CUDA GPU, or a CUDA GPU when one is found.
/// </summary>
public enum DeviceChoice
{
    /// <summary>The CPU kernels on host tensors.</summary>
    Cpu,

    /// <summary>A CUDA GPU, or an error when none is usable.</summary>
    Gpu,

    /// <summary>The first usable CUDA GPU, or the CPU when none is found.</summary>
    Auto,
}

/// <summary>
/// Conversion of the text forms "cpu", "gpu" and "auto" into a <see cref="DeviceChoice"/>.
/// </summary>
public static class DeviceChoices
{
    /// <summary>Parses "cpu", "gpu" or "auto", ignoring case and surrounding spaces.</summary>
    /// <exception cref="ArgumentException">The text is not one of the three values.</exception>
    public static DeviceChoice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "cpu" => DeviceChoice.Cpu,
            "gpu" => DeviceChoice.Gpu,
            "auto" => DeviceChoice.Auto,
            _ => throw new ArgumentException(
                $"Device '{text}' is invalid. Expected cpu, gpu or auto.", nameof(text)),
        };
    }
}
