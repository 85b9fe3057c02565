using NativeGan.Gan.Models;
using NativeGan.Gan.Training;
using NativeGan.Nn;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Gan.Tests.Devices;

// One training step of a narrow DCGAN on ILGPU's CPU accelerator, which runs the GPU
// kernels on host threads, against the same step on the CPU backend.
[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceGanStepTests(CpuAcceleratorFixture accelerator)
{
    private const int Batch = 6;
    private const int Latent = 7;
    private const int Seed = 31;

    // The device sums in float in another order and computes Adam's bias corrections in
    // double, so the values agree to float rounding, not bit for bit.
    private const double Tolerance = 2e-4;

    private static readonly Dictionary<string, ArchitectureOptions> Narrow = new()
    {
        ["dcgan"] = new() { GeneratorWidths = [6, 5], DiscriminatorWidths = [3, 5] },
        ["mlp"] = new()
        {
            GeneratorWidths = [9, 11, 13],
            DiscriminatorWidths = [12, 5],
            Dropout = 0.3f,
        },
    };

    private readonly ComputeDevice _device = accelerator.Device;

    // Two steps of the reference loss, so that Adam's second update (t = 2) is covered;
    // one step of the other variants.
    [Theory]
    [InlineData("dcgan", GeneratorLoss.NonSaturating, 2)]
    [InlineData("dcgan", GeneratorLoss.Minimax, 1)]
    [InlineData("mlp", GeneratorLoss.NonSaturating, 1)]
    public void Steps_MatchCpuBackend(string model, GeneratorLoss loss, int steps)
    {
        GanStep host = CreateStep(ComputeDevice.Cpu, model, loss);
        GanStep device = CreateStep(_device, model, loss);
        Tensor images = RandomImages();

        for (int step = 0; step < steps; step++)
        {
            StepMetrics expected = host.Run(images);
            StepMetrics actual = device.Run(images);

            AssertClose(expected.LossD, actual.LossD, "loss_d");
            AssertClose(expected.LossG, actual.LossG, "loss_g");
            AssertClose(expected.DReal, actual.DReal, "D(x)");
            AssertClose(expected.DFake, actual.DFake, "D(G(z))");
            Assert.Equal(expected.DAccuracyReal, actual.DAccuracyReal);
            Assert.Equal(expected.DAccuracyFake, actual.DAccuracyFake);
        }

        AssertSameState(host.Generator, device.Generator);
        AssertSameState(host.Discriminator, device.Discriminator);
        AssertOnDevice(device.Generator);
        AssertOnDevice(device.Discriminator);
    }

    [Fact]
    public void DiscriminatorOnlyStep_MatchesCpuBackend()
    {
        GanStep host = CreateStep(ComputeDevice.Cpu, "dcgan", GeneratorLoss.NonSaturating);
        GanStep device = CreateStep(_device, "dcgan", GeneratorLoss.NonSaturating);
        Tensor images = RandomImages();

        StepMetrics expected = host.RunDiscriminatorOnly(images);
        StepMetrics actual = device.RunDiscriminatorOnly(images);

        AssertClose(expected.LossD, actual.LossD, "loss_d");
        AssertSameState(host.Discriminator, device.Discriminator);
    }

    // Parameters, gradients and running statistics stay in device memory; the batch
    // counters stay on the host, where batch norm reads them at every step.
    private static void AssertOnDevice(Module module)
    {
        var state = module.StateDict()
            .Where(entry => !entry.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal));
        Assert.All(state, entry => Assert.True(entry.Value.IsOnDevice, entry.Key));
        Assert.All(module.Parameters(), p => Assert.True(p.Grad!.IsOnDevice, p.Name));
    }

    private static GanStep CreateStep(ComputeDevice device, string model, GeneratorLoss loss)
    {
        var (generator, discriminator) = GanModelFactory.Create(
            model, Latent, new Rng(Seed), Narrow[model]);
        generator.To(device);
        discriminator.To(device);
        var labels = new LabelSampler(
            new LabelOptions { Soft = true, FlipProbability = 0.2f }, new Rng(Seed + 1));
        return new GanStep(
            generator,
            discriminator,
            new Adam(generator.Parameters(), 2e-4f, 0.5f),
            new Adam(discriminator.Parameters(), 2e-4f, 0.5f),
            new Rng(Seed + 2),
            labels,
            loss);
    }

    private static Tensor RandomImages()
    {
        var images = new Tensor(Batch, 1, 28, 28);
        new Rng(Seed + 3).FillUniform(images.Data, -1f, 1f);
        return images;
    }

    private static void AssertSameState(Module expected, Module actual)
    {
        Dictionary<string, Tensor> host = expected.StateDict();
        foreach (var (name, tensor) in actual.StateDict())
        {
            float[] values = tensor.To(ComputeDevice.Cpu).Data;
            float[] reference = host[name].Data;
            for (int i = 0; i < values.Length; i++)
            {
                AssertClose(reference[i], values[i], $"{name}[{i}]");
            }
        }
    }

    private static void AssertClose(float expected, float actual, string quantity)
    {
        double error = Math.Abs(expected - actual) / Math.Max(1.0, Math.Abs(expected));
        Assert.True(
            error <= Tolerance,
            $"{quantity}: device {actual}, CPU {expected}, relative error {error:E2}.");
    }
}
