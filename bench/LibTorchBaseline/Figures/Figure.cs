namespace NativeGan.LibTorchBaseline.Figures;

/// <summary>
/// One measured figure: a named quantity at a thread count, for example
/// <c>dcgan_step_b128</c> at 2 threads = 390.2 ms.
/// </summary>
/// <param name="Name">Figure name shared by the libtorch baseline and NativeGan.</param>
/// <param name="Threads">Compute threads the engine was allowed to use.</param>
/// <param name="Value">Measured value in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit of the value: <c>ms</c>, <c>GFLOP/s</c> or <c>MiB</c>.</param>
public sealed record Figure(string Name, int Threads, double Value, string Unit);
