using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Normalization;
using NativeGan.Tensors.Tests.Normalization;

namespace NativeGan.Tensors.Tests.Gpu;

[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceBatchNormTests(CpuAcceleratorFixture fixture)
{
    private const float Eps = 1e-5f;

    private readonly ComputeDevice _device = fixture.Device;

    // (N, C, S): BatchNorm1d inputs (S = 1), BatchNorm2d planes, and a channel of more
    // values than one 256-thread group.
    public static TheoryData<int, int, int> Layouts() =>
        new() { { 7, 13, 1 }, { 2, 1, 1 }, { 3, 5, 63 }, { 2, 3, 35 }, { 1, 2, 300 } };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ForwardTraining_RandomInput_MatchesCpuAndFloat64(int batch, int channels,
        int spatial)
    {
        (float[] x, float[] weight, float[] bias) = Inputs(batch, channels, spatial);
        var layout = new BatchNormLayout(batch, channels, spatial);
        var cpuY = new float[x.Length];
        var cpuMean = new double[channels];
        var cpuVariance = new double[channels];
        BatchNormKernels.ForwardTraining(x, layout, weight, bias, Eps, cpuY, cpuMean,
            cpuVariance);
        (double[] mean, double[] variance) =
            BatchNormReference.Statistics(x, batch, channels, spatial);
        double[] exact = BatchNormReference.Forward(
            x, batch, channels, spatial, mean, variance, weight, bias, Eps);

        using DeviceTensor dx = Upload(x, batch, channels, spatial);
        using DeviceTensor dw = Upload(weight, channels);
        using DeviceTensor db = Upload(bias, channels);
        using DeviceTensor dy = DeviceTensor.Zeros(_device, dx.Shape);
        using DeviceTensor dMean = DeviceTensor.Zeros(_device, channels);
        using DeviceTensor dVariance = DeviceTensor.Zeros(_device, channels);
        DeviceBatchNorm.ForwardTraining(dx, dw, db, Eps, dy, dMean, dVariance);

        DeviceAssert.MatchesBoth(exact, cpuY, dy.ToHost().Data, 1e-5, 1e-5);
        DeviceAssert.MatchesBoth(mean, ToFloat(cpuMean), dMean.ToHost().Data, 1e-5, 1e-6);
        DeviceAssert.MatchesBoth(variance, ToFloat(cpuVariance), dVariance.ToHost().Data,
            1e-5, 1e-6);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ForwardInference_GivenStatistics_MatchesCpuAndFloat64(int batch, int channels,
        int spatial)
    {
        (float[] x, float[] weight, float[] bias) = Inputs(batch, channels, spatial);
        var rng = new Rng(3);
        double[] mean = Enumerable.Range(0, channels).Select(_ => (double)rng.Uniform(-1, 1))
            .ToArray();
        double[] variance = Enumerable.Range(0, channels)
            .Select(_ => (double)rng.Uniform(0.2f, 3f)).ToArray();
        var layout = new BatchNormLayout(batch, channels, spatial);
        var cpuY = new float[x.Length];
        BatchNormKernels.ForwardInference(x, layout, weight, bias, mean, variance, Eps, cpuY);
        double[] exact = BatchNormReference.Forward(
            x, batch, channels, spatial, mean, variance, weight, bias, Eps);

        using DeviceTensor dx = Upload(x, batch, channels, spatial);
        using DeviceTensor dw = Upload(weight, channels);
        using DeviceTensor db = Upload(bias, channels);
        using DeviceTensor dMean = Upload(ToFloat(mean), channels);
        using DeviceTensor dVariance = Upload(ToFloat(variance), channels);
        using DeviceTensor dy = DeviceTensor.Zeros(_device, dx.Shape);
        DeviceBatchNorm.ForwardInference(dx, dw, db, dMean, dVariance, Eps, dy);

        DeviceAssert.MatchesBoth(exact, cpuY, dy.ToHost().Data, 1e-5, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Backward_BatchStatistics_MatchesCpuAndFloat64(int batch, int channels,
        int spatial)
    {
        (float[] x, float[] weight, _) = Inputs(batch, channels, spatial);
        float[] dY = RandomTensors.Uniform(new Rng(9), [x.Length]).Data;
        var layout = new BatchNormLayout(batch, channels, spatial);
        (double[] mean, double[] variance) =
            BatchNormReference.Statistics(x, batch, channels, spatial);
        var cpuDx = new float[x.Length];
        var cpuDw = new float[channels];
        var cpuDb = new float[channels];
        BatchNormKernels.Backward(x, dY, layout, weight, mean, variance, Eps, true, cpuDx,
            cpuDw, cpuDb);
        (double[] dX, double[] dWeight, double[] dBias) = BatchNormReference.Backward(
            x, dY, batch, channels, spatial, mean, variance, weight, Eps, true);

        using DeviceTensor dx = Upload(x, batch, channels, spatial);
        using DeviceTensor ddY = Upload(dY, batch, channels, spatial);
        using DeviceTensor dw = Upload(weight, channels);
        using DeviceTensor dMean = Upload(ToFloat(mean), channels);
        using DeviceTensor dVariance = Upload(ToFloat(variance), channels);
        using DeviceTensor ddX = DeviceTensor.Zeros(_device, dx.Shape);
        using DeviceTensor ddW = DeviceTensor.Zeros(_device, channels);
        using DeviceTensor ddB = DeviceTensor.Zeros(_device, channels);
        DeviceBatchNorm.Backward(dx, ddY, dw, dMean, dVariance, Eps, ddX, ddW, ddB);

        // dX subtracts nearly equal terms, so its error scales with the sums of |dY|.
        double absolute = 1e-5 * Math.Sqrt(batch * spatial);
        DeviceAssert.MatchesBoth(dX, cpuDx, ddX.ToHost().Data, 1e-4, absolute);
        DeviceAssert.MatchesBoth(dWeight, cpuDw, ddW.ToHost().Data, 1e-5, absolute);
        DeviceAssert.MatchesBoth(dBias, cpuDb, ddB.ToHost().Data, 1e-5, absolute);
    }

    [Fact]
    public void UpdateRunningStatistics_Momentum_MatchesFloat64()
    {
        float[] mean = [0.5f, -1f, 2f];
        float[] variance = [1f, 0.25f, 4f];
        float[] runningMean = [0f, 1f, -1f];
        float[] runningVariance = [1f, 2f, 0.5f];
        const long Count = 10;
        const float Momentum = 0.1f;
        using DeviceTensor dMean = Upload(mean, 3);
        using DeviceTensor dVariance = Upload(variance, 3);
        using DeviceTensor dRunningMean = Upload(runningMean, 3);
        using DeviceTensor dRunningVariance = Upload(runningVariance, 3);

        DeviceBatchNorm.UpdateRunningStatistics(dMean, dVariance, Count, Momentum, dRunningMean,
            dRunningVariance);

        double[] expectedMean = mean.Select((m, c) => 0.9 * runningMean[c] + 0.1 * m).ToArray();
        double[] expectedVariance = variance
            .Select((v, c) => 0.9 * runningVariance[c] + 0.1 * v * Count / (Count - 1))
            .ToArray();
        TensorAssert.Close(expectedMean, dRunningMean.ToHost().Data, 1e-6, 1e-7);
        TensorAssert.Close(expectedVariance, dRunningVariance.ToHost().Data, 1e-6, 1e-7);
    }

    [Fact]
    public void ForwardTraining_WrongWeight_Throws()
    {
        using DeviceTensor x = DeviceTensor.Zeros(_device, 4, 3, 5);
        using DeviceTensor weight = DeviceTensor.Zeros(_device, 4);
        using DeviceTensor bias = DeviceTensor.Zeros(_device, 3);
        using DeviceTensor y = DeviceTensor.Zeros(_device, 4, 3, 5);
        using DeviceTensor mean = DeviceTensor.Zeros(_device, 3);
        using DeviceTensor variance = DeviceTensor.Zeros(_device, 3);

        var error = Assert.Throws<ArgumentException>(() =>
            DeviceBatchNorm.ForwardTraining(x, weight, bias, Eps, y, mean, variance));

        Assert.Contains("weight has shape (4,), expected (3,)", error.Message);
    }

    private static (float[] X, float[] Weight, float[] Bias) Inputs(
        int batch, int channels, int spatial)
    {
        var rng = new Rng((ulong)(batch * 1000 + channels * 10 + spatial));
        float[] x = RandomTensors.Uniform(rng, [batch * channels * spatial], -3f, 5f).Data;
        float[] weight = RandomTensors.Uniform(rng, [channels], 0.5f, 1.5f).Data;
        float[] bias = RandomTensors.Uniform(rng, [channels], -1f, 1f).Data;
        return (x, weight, bias);
    }

    private static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();

    private DeviceTensor Upload(float[] values, params int[] shape) =>
        new Tensor(values, shape).ToDevice(_device);
}
