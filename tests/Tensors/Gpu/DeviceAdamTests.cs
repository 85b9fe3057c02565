using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors.Tests.Gpu;

// NativeGan.Tensors has no CPU Adam (it lives in NativeGan.Nn, which this project cannot
// reference), so the kernel is checked against a float64 transcription of PyTorch's
// torch.optim.Adam.
[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceAdamTests(CpuAcceleratorFixture fixture)
{
    private readonly ComputeDevice _device = fixture.Device;

    [Theory]
    [InlineData(1, 0f)]
    [InlineData(33, 0f)]
    [InlineData(64, 0.01f)]
    public void Step_ThreeSteps_MatchesFloat64(int length, float weightDecay)
    {
        const float LearningRate = 2e-4f;
        const float Beta1 = 0.5f;
        const float Beta2 = 0.999f;
        const float Epsilon = 1e-8f;
        var rng = new Rng((ulong)length);
        float[] start = RandomTensors.Uniform(rng, [length]).Data;
        float[][] gradients = Enumerable.Range(0, 3)
            .Select(_ => RandomTensors.Uniform(rng, [length]).Data).ToArray();

        using DeviceTensor p = new Tensor((float[])start.Clone(), length).ToDevice(_device);
        using DeviceTensor m = DeviceTensor.Zeros(_device, length);
        using DeviceTensor v = DeviceTensor.Zeros(_device, length);
        using DeviceTensor g = DeviceTensor.Zeros(_device, length);
        for (int step = 1; step <= 3; step++)
        {
            g.CopyFromHost(new Tensor(gradients[step - 1], length));
            DeviceAdam.Step(p, g, m, v, step, LearningRate, Beta1, Beta2, Epsilon, weightDecay);
        }

        double[] expected = Reference(start, gradients, LearningRate, Beta1, Beta2, Epsilon,
            weightDecay);
        TensorAssert.Close(expected, p.ToHost().Data, 1e-6, 1e-7);
    }

    [Fact]
    public void Step_StepZero_Throws()
    {
        using DeviceTensor p = DeviceTensor.Zeros(_device, 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => DeviceAdam.Step(p, p, p, p, 0, 1e-3f));
    }

    private static double[] Reference(
        float[] start, float[][] gradients, double lr, double beta1, double beta2, double eps,
        double weightDecay)
    {
        double[] p = start.Select(x => (double)x).ToArray();
        var m = new double[p.Length];
        var v = new double[p.Length];
        for (int t = 1; t <= gradients.Length; t++)
        {
            for (int i = 0; i < p.Length; i++)
            {
                double g = gradients[t - 1][i] + weightDecay * p[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                p[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
        }

        return p;
    }
}
