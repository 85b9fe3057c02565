namespace NativeGan.LibTorchBaseline.Measurements;

/// <summary>Repetition counts shared by all timed figures.</summary>
/// <param name="Warmup">Untimed calls before the timed ones.</param>
/// <param name="Repetitions">Timed calls whose median is reported.</param>
/// <param name="MemorySteps">DCGAN training steps of the peak-memory run.</param>
public sealed record MeasurementSettings(int Warmup, int Repetitions, int MemorySteps);
