using NativeGan.Tensors;

namespace NativeGan.Nn.Serialization;

/// <summary>
/// Tensors and string metadata read from one safetensors file.
/// </summary>
/// <param name="Tensors">Tensors by name; each owns its storage.</param>
/// <param name="Metadata">
/// Entries of the header's "__metadata__" object; empty when the file has none.
/// </param>
public sealed record SafeTensorsContent(
    IReadOnlyDictionary<string, Tensor> Tensors,
    IReadOnlyDictionary<string, string> Metadata);
