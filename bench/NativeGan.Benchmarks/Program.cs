using BenchmarkDotNet.Running;

namespace NativeGan.Benchmarks;

/// <summary>
/// Entry point of the benchmarks: pick classes and methods with BenchmarkDotNet's
/// switches, for example <c>--filter '*Gemm*'</c>, or choose from a menu without arguments.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks that the command-line arguments select.</summary>
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
