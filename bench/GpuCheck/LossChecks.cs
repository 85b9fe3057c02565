using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>
/// DeviceLosses against float64: the mean binary cross-entropy of logits from U(-8, 8)
/// against targets from U(0, 1), and its gradient. NativeGan.Tensors has no CPU kernel for
/// it (that lives in NativeGan.Nn), so the reference is the device tests' transcription.
/// </summary>
internal static class LossChecks
{
    private const float DLoss = -0.5f;

    /// <summary>Creates the checks.</summary>
    public static IEnumerable<KernelCheck> Create(ComputeDevice device, CheckSizes sizes)
    {
        int length = sizes.LossLength;
        var label = new KernelCheckLabel("bce_with_logits", $"{length} logits");
        yield return new KernelCheck(label, "loss", () => [Loss(device, label, length)]);
        yield return new KernelCheck(label, "backward dX", () => [Backward(device, label, length)]);
    }

    private static CheckResult Loss(ComputeDevice device, KernelCheckLabel label, int length)
    {
        (float[] logits, float[] targets) = Inputs(length);
        double exact = logits.Select((x, i) => Term(x, targets[i])).Average();

        using DeviceTensor x = HostArrays.Upload(device, logits, new(length));
        using DeviceTensor y = HostArrays.Upload(device, targets, new(length));
        using DeviceTensor loss = HostArrays.NaNs(device, new(1));
        DeviceLosses.BceWithLogits(x, y, loss);

        return Comparison.Compare(label, "loss", "float64", loss.ToHost().Data, [exact],
            Tolerance.Relative(1e-5, 0));
    }

    private static CheckResult Backward(ComputeDevice device, KernelCheckLabel label, int length)
    {
        (float[] logits, float[] targets) = Inputs(length);
        double[] exact = logits
            .Select((x, i) => DLoss * (1 / (1 + Math.Exp(-x)) - targets[i]) / length)
            .ToArray();

        using DeviceTensor x = HostArrays.Upload(device, logits, new(length));
        using DeviceTensor y = HostArrays.Upload(device, targets, new(length));
        using DeviceTensor dX = HostArrays.NaNs(device, new(length));
        DeviceLosses.BceWithLogitsBackward(x, y, DLoss, dX);

        return Comparison.Compare(label, "backward dX", "float64", dX.ToHost().Data, exact,
            Tolerance.Relative(1e-6, 1e-8));
    }

    private static (float[] Logits, float[] Targets) Inputs(int length)
    {
        var rng = new Rng((ulong)length);
        return (HostArrays.Uniform(rng, length, -8f, 8f), HostArrays.Uniform(rng, length, 0f, 1f));
    }

    // -(y log sigmoid(x) + (1 - y) log(1 - sigmoid(x))), written with the softplus
    // log(1 + e^x) = -log sigmoid(-x), which stays accurate in double for large |x|.
    private static double Term(double x, double y) => y * Softplus(-x) + (1 - y) * Softplus(x);

    private static double Softplus(double x) =>
        x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}
