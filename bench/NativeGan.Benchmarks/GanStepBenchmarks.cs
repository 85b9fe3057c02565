using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using NativeGan.Gan.Models;
using NativeGan.Gan.Training;
using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Benchmarks;

/// <summary>
/// One full GAN training step (D update on a real and a detached fake batch, then G update)
/// of the reference models, on random images in [-1, 1], with <see cref="ComputeThreads.Max"/>
/// set to Threads.
/// </summary>
[Config(typeof(Config))]
public class GanStepBenchmarks
{
    private GanStep? _step;
    private Tensor _batch = new(0);

    /// <summary>Reference model: "mlp" or "dcgan".</summary>
    [Params("mlp", "dcgan")]
    public string Model { get; set; } = "mlp";

    /// <summary>Images per step.</summary>
    [Params(64, 128)]
    public int BatchSize { get; set; }

    /// <summary>Value of <see cref="ComputeThreads.Max"/> during the benchmark.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the models, the optimizers and one batch, as the trainer does.</summary>
    [GlobalSetup]
    public void Setup()
    {
        ComputeThreads.Max = Threads;
        var rng = new Rng(1);
        var (generator, discriminator) = GanModelFactory.Create(Model, 100, rng);
        _step = new GanStep(
            generator,
            discriminator,
            new Adam(generator.Parameters(), 2e-4f, 0.5f, 0.999f),
            new Adam(discriminator.Parameters(), 2e-4f, 0.5f, 0.999f),
            new Rng(2));
        ImageShape shape = generator.ImageShape;
        _batch = new Tensor(BatchSize, shape.Channels, shape.Height, shape.Width);
        rng.FillUniform(_batch.Data, -1f, 1f);
    }

    /// <summary>Runs one training step.</summary>
    [Benchmark]
    public StepMetrics Step() => _step!.Run(_batch);

    /// <summary>Settings: 30 measured steps after warm-up, median reported, memory column.</summary>
    public sealed class Config : ManualConfig
    {
        /// <summary>Creates the settings.</summary>
        public Config()
        {
            AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(5)
                .WithIterationCount(30)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
        }
    }
}
