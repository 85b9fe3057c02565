namespace NativeGan.Gan.Training;

/// <summary>Thrown when a loss becomes NaN or infinite; training stops at that step.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
