using NativeGan.Gan.Training;
using NativeGan.Nn;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>
/// Check of a whole DCGAN training step on the device against the same step on the CPU
/// backend: the logged metrics, then every weight and running statistic of G and D.
/// </summary>
internal static class TrainingStepChecks
{
    private const string Family = "training step";
    private const ulong Seed = 7;

    // The device sums float32 in another order, and Adam moves each weight by about
    // lr = 2e-4 per step. So after two steps the backends should differ by about 1e-6 in
    // the weights, an estimate: the CPU accelerator's dry run differed by 3e-7.
    private static readonly Tolerance Metrics = Tolerance.Relative(1e-3, 1e-4);
    private static readonly Tolerance Weights = Tolerance.Relative(1e-3, 1e-5);

    /// <summary>
    /// Creates the check with the batch and architecture of <paramref name="sizes"/>.
    /// </summary>
    public static IReadOnlyList<KernelCheck> Create(ComputeDevice device, CheckSizes sizes)
    {
        string size = $"batch {sizes.StepCheckBatch}, {sizes.StepModelName}, 2 steps";
        var label = new KernelCheckLabel(Family, size);
        return [new KernelCheck(label, "DCGAN step", () => Run(device, sizes, label))];
    }

    private static IReadOnlyList<CheckResult> Run(
        ComputeDevice device, CheckSizes sizes, KernelCheckLabel label)
    {
        GanStep host = DcganStepSetup.Create(ComputeDevice.Cpu, sizes.StepArchitecture, Seed);
        GanStep onDevice = DcganStepSetup.Create(device, sizes.StepArchitecture, Seed);
        Tensor images = DcganStepSetup.RandomImages(sizes.StepCheckBatch, Seed + 2);
        var expected = new List<double>();
        var actual = new List<float>();
        for (int step = 0; step < 2; step++)
        {
            AddMetrics(host.Run(images), expected);
            StepMetrics metrics = onDevice.Run(images);
            actual.AddRange([metrics.LossD, metrics.LossG, metrics.DReal, metrics.DFake]);
        }

        return
        [
            Comparison.Compare(label, "loss_d, loss_g, D(x), D(G(z))", "CPU step",
                actual.ToArray(), expected.ToArray(), Metrics),
            CompareState(label, "G weights and statistics", host.Generator, onDevice.Generator),
            CompareState(label, "D weights and statistics", host.Discriminator,
                onDevice.Discriminator),
        ];
    }

    private static void AddMetrics(StepMetrics metrics, List<double> values) =>
        values.AddRange([metrics.LossD, metrics.LossG, metrics.DReal, metrics.DFake]);

    private static CheckResult CompareState(
        KernelCheckLabel label, string name, Module host, Module onDevice)
    {
        Dictionary<string, Tensor> reference = host.StateDict();
        var expected = new List<double>();
        var actual = new List<float>();
        foreach (var (key, tensor) in onDevice.StateDict())
        {
            expected.AddRange(reference[key].Data.Select(v => (double)v));
            actual.AddRange(tensor.To(ComputeDevice.Cpu).Data);
        }

        return Comparison.Compare(
            label, name, "CPU step", actual.ToArray(), expected.ToArray(), Weights);
    }
}
