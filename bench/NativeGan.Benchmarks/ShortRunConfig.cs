using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace NativeGan.Benchmarks;

/// <summary>
/// Benchmark settings for throughput kernels: one process per case, 3 warm-up and 7
/// measured iterations of about 200 ms each, a GFLOP/s column and the allocation column,
/// so that the GEMM suite takes a few minutes.
/// </summary>
public abstract class ShortRunConfig : ManualConfig
{
    /// <summary>Creates the settings with a GFLOP/s column.</summary>
    /// <param name="flopsPerOperation">Floating-point operations of one benchmark call.</param>
    protected ShortRunConfig(Func<BenchmarkCase, double> flopsPerOperation)
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(7)
            .WithIterationTime(TimeInterval.FromMilliseconds(200)));
        AddColumn(new GflopsColumn(flopsPerOperation));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
