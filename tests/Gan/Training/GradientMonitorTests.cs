using Microsoft.Extensions.Logging.Abstractions;
using NativeGan.Autodiff;
using NativeGan.Gan.Monitoring;
using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Training;

public sealed class GradientMonitorTests
{
    [Fact]
    public void Measure_ReturnsL2NormsPerParameter()
    {
        var layer = new Linear(3, 2, new Rng(1));
        layer.Weight.Value.Data.AsSpan().Fill(2f);
        layer.Weight.Grad = Tensor.Full(0.5f, 2, 3);
        var monitor = new GradientMonitor(NullLogger.Instance);

        var norms = monitor.Measure(7, "D", layer);

        Assert.Equal(["weight", "bias"], norms.Select(n => n.Parameter));
        Assert.Equal(Math.Sqrt(6 * 0.25), norms[0].GradNorm, 12);
        Assert.Equal(Math.Sqrt(6 * 4.0), norms[0].WeightNorm, 12);
        Assert.True(double.IsNaN(norms[1].GradNorm));
    }

    [Fact]
    public void Measure_VanishedAndExploding_AreCounted()
    {
        var layer = new Linear(2, 2, new Rng(1), bias: false);
        var monitor = new GradientMonitor(NullLogger.Instance, vanishBelow: 1e-6, explodeAbove: 10);

        layer.Weight.Grad = Tensor.Full(1e-9f, 2, 2);
        monitor.Measure(1, "G", layer);
        layer.Weight.Grad = Tensor.Full(100f, 2, 2);
        monitor.Measure(2, "G", layer);
        layer.Weight.Grad = Tensor.Full(0.1f, 2, 2);
        monitor.Measure(3, "G", layer);

        Assert.Equal(2, monitor.WarningCount);
    }

    [Fact]
    public void GanStep_LeavesGradientsOfBothNetworks()
    {
        var rng = new Rng(3);
        var (generator, discriminator) = NativeGan.Gan.Models.GanModelFactory.Create("mlp", 8, rng);
        var step = new Gan.Training.GanStep(
            generator, discriminator, new Adam(generator.Parameters()),
            new Adam(discriminator.Parameters()), new Rng(4));
        var batch = new Tensor(4, 1, 28, 28);

        step.Run(batch);

        Assert.All(generator.Parameters(), p => Assert.NotNull(p.Grad));
        Assert.All(discriminator.Parameters(), p => Assert.NotNull(p.Grad));
    }
}
