namespace NativeGan.Nn.Serialization;

/// <summary>One tensor entry of a safetensors header, validated against the data length.</summary>
/// <param name="Name">Tensor name, the key of the entry.</param>
/// <param name="Shape">Dimensions, outermost first; empty for a scalar.</param>
/// <param name="Begin">Offset of the first byte, relative to the start of the data.</param>
/// <param name="End">Offset one past the last byte, relative to the start of the data.</param>
internal sealed record SafeTensorsEntry(string Name, int[] Shape, long Begin, long End);
