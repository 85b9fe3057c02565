using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors.Tests.Gpu;

// NativeGan.Tensors has no CPU binary cross-entropy (it lives in NativeGan.Nn, which this
// project cannot reference), so these kernels are checked against float64 only.
[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceLossesTests(CpuAcceleratorFixture fixture)
{
    private readonly ComputeDevice _device = fixture.Device;

    public static TheoryData<int> Lengths() => new(1, 7, 64, 257);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void BceWithLogits_RandomInput_MatchesFloat64(int length)
    {
        (Tensor logits, Tensor targets) = Inputs(length);

        using DeviceTensor x = logits.ToDevice(_device);
        using DeviceTensor y = targets.ToDevice(_device);
        using DeviceTensor loss = Tensor.Full(float.NaN, 1).ToDevice(_device);
        DeviceLosses.BceWithLogits(x, y, loss);

        double exact = logits.Data.Select((v, i) => Term(v, targets.Data[i])).Average();
        Assert.InRange(loss.ToHost().Item(), exact - 1e-5 * exact, exact + 1e-5 * exact);
    }

    [Fact]
    public void BceWithLogits_ExtremeLogits_StaysFinite()
    {
        var logits = Tensor.FromArray([1000f, -1000f, 30f, -30f], 4);
        var targets = Tensor.FromArray([0f, 1f, 1f, 0f], 4);

        using DeviceTensor x = logits.ToDevice(_device);
        using DeviceTensor y = targets.ToDevice(_device);
        using DeviceTensor loss = DeviceTensor.Zeros(_device, 1);
        DeviceLosses.BceWithLogits(x, y, loss);

        double exact = logits.Data.Select((v, i) => Term(v, targets.Data[i])).Average();
        Assert.InRange(loss.ToHost().Item(), exact - 1e-4, exact + 1e-4);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void BceWithLogitsBackward_RandomInput_MatchesFloat64(int length)
    {
        (Tensor logits, Tensor targets) = Inputs(length);
        const float DLoss = -0.5f;

        using DeviceTensor x = logits.ToDevice(_device);
        using DeviceTensor y = targets.ToDevice(_device);
        using DeviceTensor dX = DeviceTensor.Zeros(_device, length);
        DeviceLosses.BceWithLogitsBackward(x, y, DLoss, dX);

        double[] exact = logits.Data
            .Select((v, i) => DLoss * (1 / (1 + Math.Exp(-v)) - targets.Data[i]) / length)
            .ToArray();
        TensorAssert.Close(exact, dX.ToHost().Data, 1e-6, 1e-8);
    }

    [Fact]
    public void BceWithLogits_ShapesDiffer_Throws()
    {
        using DeviceTensor x = DeviceTensor.Zeros(_device, 8, 1);
        using DeviceTensor y = DeviceTensor.Zeros(_device, 8);
        using DeviceTensor loss = DeviceTensor.Zeros(_device, 1);

        var error = Assert.Throws<ArgumentException>(() => DeviceLosses.BceWithLogits(x, y, loss));

        Assert.Contains("(8, 1)", error.Message);
        Assert.Contains("(8,)", error.Message);
    }

    // -(y log sigmoid(x) + (1 - y) log(1 - sigmoid(x))), written with the softplus
    // log(1 + e^x) = -log sigmoid(-x), which stays accurate in double for |x| up to 1000.
    private static double Term(double x, double y) =>
        y * Softplus(-x) + (1 - y) * Softplus(x);

    private static double Softplus(double x) =>
        x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    private static (Tensor Logits, Tensor Targets) Inputs(int length)
    {
        var rng = new Rng((ulong)length);
        Tensor logits = RandomTensors.Uniform(rng, [length], -8f, 8f);
        Tensor targets = RandomTensors.Uniform(rng, [length], 0f, 1f);
        return (logits, targets);
    }
}
