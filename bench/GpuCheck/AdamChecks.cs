using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>
/// DeviceAdam against a float64 transcription of torch.optim.Adam: three steps with
/// DCGAN's hyperparameters (lr 2e-4, betas 0.5 and 0.999), with and without weight decay.
/// NativeGan.Tensors has no CPU Adam (that lives in NativeGan.Nn).
/// </summary>
internal static class AdamChecks
{
    private const float LearningRate = 2e-4f;
    private const float Beta1 = 0.5f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;
    private const int Steps = 3;

    /// <summary>Creates the checks.</summary>
    public static IEnumerable<KernelCheck> Create(ComputeDevice device, CheckSizes sizes)
    {
        int length = sizes.AdamLength;
        var label = new KernelCheckLabel("adam", $"{length} parameters, {Steps} steps");
        foreach (float weightDecay in new[] { 0f, 0.01f })
        {
            string name = $"weight decay {weightDecay}";
            yield return new KernelCheck(
                label, name, () => [Run(device, label, name, length, weightDecay)]);
        }
    }

    private static CheckResult Run(
        ComputeDevice device, KernelCheckLabel label, string name, int length, float weightDecay)
    {
        var rng = new Rng((ulong)length + 101);
        float[] start = HostArrays.Uniform(rng, length);
        float[][] gradients = Enumerable.Range(0, Steps)
            .Select(_ => HostArrays.Uniform(rng, length))
            .ToArray();

        using DeviceTensor p = HostArrays.Upload(device, (float[])start.Clone(), new(length));
        using DeviceTensor m = DeviceTensor.Zeros(device, length);
        using DeviceTensor v = DeviceTensor.Zeros(device, length);
        using DeviceTensor g = DeviceTensor.Zeros(device, length);
        for (int step = 1; step <= Steps; step++)
        {
            g.CopyFromHost(new Tensor(gradients[step - 1], length));
            DeviceAdam.Step(p, g, m, v, step, LearningRate, Beta1, Beta2, Epsilon, weightDecay);
        }

        double[] expected = Reference(start, gradients, weightDecay);
        return Comparison.Compare(label, name, "float64", p.ToHost().Data, expected,
            Tolerance.Relative(1e-6, 1e-7));
    }

    private static double[] Reference(float[] start, float[][] gradients, double weightDecay)
    {
        double[] p = start.Select(x => (double)x).ToArray();
        var m = new double[p.Length];
        var v = new double[p.Length];
        for (int t = 1; t <= gradients.Length; t++)
        {
            for (int i = 0; i < p.Length; i++)
            {
                double g = gradients[t - 1][i] + weightDecay * p[i];
                m[i] = Beta1 * m[i] + (1 - (double)Beta1) * g;
                v[i] = Beta2 * v[i] + (1 - (double)Beta2) * g * g;
                double mHat = m[i] / (1 - Math.Pow(Beta1, t));
                double vHat = v[i] / (1 - Math.Pow(Beta2, t));
                p[i] -= LearningRate * mHat / (Math.Sqrt(vHat) + Epsilon);
            }
        }

        return p;
    }
}
