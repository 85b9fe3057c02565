using NativeGan.Autodiff;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Nn.Tests.Losses;

// Losses.BinaryCrossEntropyWithLogits on ILGPU's CPU accelerator against the CPU version,
// which LossesTests checks against a float64 reference.
[Collection(CpuAcceleratorCollection.Name)]
public sealed class LossesDeviceTests(CpuAcceleratorFixture fixture)
{
    private readonly ComputeDevice _device = fixture.Device;

    // (logit bound, hard labels): moderate logits with soft and with 0/1 targets, and
    // logits of up to 100, where e^x overflows float32 above x = 88.7.
    public static TheoryData<float, bool> Cases() => new()
    {
        { 4f, false },
        { 4f, true },
        { 100f, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BceWithLogits_OnDevice_MatchesCpuLoss(float bound, bool hardLabels)
    {
        (Tensor logits, Tensor targets) = RandomProblem(1, bound, hardLabels);

        Variable expected = Nn.Losses.BinaryCrossEntropyWithLogits(new Variable(logits), targets);
        Variable actual = Nn.Losses.BinaryCrossEntropyWithLogits(
            new Variable(logits.To(_device)), targets.To(_device));

        Assert.True(actual.Value.IsOnDevice);
        DeviceAssert.Close(expected.Value, actual.Value, "loss");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BceWithLogits_OnDevice_MatchesCpuGradient(float bound, bool hardLabels)
    {
        (Tensor logits, Tensor targets) = RandomProblem(2, bound, hardLabels);
        var host = new Variable(logits.Clone(), requiresGrad: true);
        var device = new Variable(logits.To(_device), requiresGrad: true);

        // An upstream gradient other than 1 checks that the device reads dLoss.
        Nn.Losses.BinaryCrossEntropyWithLogits(host, targets).Backward(Tensor.Scalar(0.7f));
        Nn.Losses.BinaryCrossEntropyWithLogits(device, targets.To(_device))
            .Backward(Tensor.Scalar(0.7f).To(_device));

        Assert.True(device.Grad!.IsOnDevice);
        DeviceAssert.Close(host.Grad!, device.Grad!, "gradient");
    }

    [Fact]
    public void BceWithLogits_HostTargets_Throws()
    {
        (Tensor logits, Tensor targets) = RandomProblem(3, 4f, hardLabels: true);

        var error = Assert.Throws<ArgumentException>(() =>
            Nn.Losses.BinaryCrossEntropyWithLogits(new Variable(logits.To(_device)), targets));

        Assert.Contains(_device.Name, error.Message);
        Assert.Contains($"on {ComputeDevice.Cpu.Name}", error.Message);
    }

    // Logits (7, 5) from U(-bound, bound); targets from U(0, 1), or 0 and 1.
    private static (Tensor Logits, Tensor Targets) RandomProblem(
        ulong seed, float bound, bool hardLabels)
    {
        var rng = new Rng(seed);
        var logits = new Tensor(7, 5);
        rng.FillUniform(logits.Data, -bound, bound);
        var targets = new Tensor(7, 5);
        rng.FillUniform(targets.Data, 0f, 1f);
        if (hardLabels)
        {
            for (int i = 0; i < targets.Length; i++)
            {
                targets.Data[i] = targets.Data[i] < 0.5f ? 0f : 1f;
            }
        }

        return (logits, targets);
    }
}
