using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>
/// DeviceConvTranspose2d against ConvTranspose2dKernels: the forward pass with bias and the
/// input, weight and bias gradients. The geometry g is that of the adjoint Conv2d, so x has
/// g's output shape and y has g's input shape.
/// </summary>
internal static class ConvTranspose2dChecks
{
    /// <summary>Creates the checks.</summary>
    public static IEnumerable<KernelCheck> Create(ComputeDevice device, CheckSizes sizes)
    {
        foreach (ConvCase convCase in sizes.ConvTranspose2d)
        {
            Conv2dGeometry g = convCase.Geometry;
            var label = new KernelCheckLabel(
                "conv_transpose2d", $"{convCase.Name}: {Describe(g)}");
            yield return new KernelCheck(label, "forward", () => [Forward(device, label, g)]);
            yield return new KernelCheck(
                label, "backward dX", () => [BackwardInput(device, label, g)]);
            yield return new KernelCheck(
                label, "backward dW", () => [BackwardWeight(device, label, g)]);
            yield return new KernelCheck(
                label, "backward dBias", () => [BackwardBias(device, label, g)]);
        }
    }

    private static string Describe(in Conv2dGeometry g) =>
        $"ConvTranspose2d {g.OutputShape} -> {g.InputShape}, kernel {g.Kernel}, " +
        $"stride {g.Stride}, padding {g.Padding}";

    private static CheckResult Forward(
        ComputeDevice device, KernelCheckLabel label, in Conv2dGeometry g)
    {
        var rng = new Rng(51);
        float[] x = HostArrays.Uniform(rng, g.OutputShape.ElementCount);
        float[] w = HostArrays.Uniform(rng, g.WeightShape.ElementCount);
        float[] bias = HostArrays.Uniform(rng, g.InChannels);
        float[] cpu = new float[g.InputShape.ElementCount];
        ConvTranspose2dKernels.Forward(g, x, w, bias, cpu);
        float[] magnitude = new float[cpu.Length];
        ConvTranspose2dKernels.Forward(g, HostArrays.Abs(x), HostArrays.Abs(w),
            HostArrays.Abs(bias), magnitude);

        using DeviceTensor deviceX = HostArrays.Upload(device, x, g.OutputShape);
        using DeviceTensor deviceW = HostArrays.Upload(device, w, g.WeightShape);
        using DeviceTensor deviceBias = HostArrays.Upload(device, bias, new(g.InChannels));
        using DeviceTensor deviceY = HostArrays.NaNs(device, g.InputShape);
        DeviceConvTranspose2d.Forward(g, deviceX, deviceW, deviceBias, deviceY);

        long terms = (long)g.OutChannels * g.Kernel.Height * g.Kernel.Width + 1;
        return Comparison.Compare(label, "forward", "ConvTranspose2dKernels",
            deviceY.ToHost().Data, cpu, Conv2dChecks.Bound(magnitude, terms));
    }

    private static CheckResult BackwardInput(
        ComputeDevice device, KernelCheckLabel label, in Conv2dGeometry g)
    {
        var rng = new Rng(52);
        float[] x = HostArrays.Uniform(rng, g.OutputShape.ElementCount);
        float[] w = HostArrays.Uniform(rng, g.WeightShape.ElementCount);
        float[] dY = HostArrays.Uniform(rng, g.InputShape.ElementCount);
        float[] cpu = new float[g.OutputShape.ElementCount];
        ConvTranspose2dKernels.Backward(g, x, w, dY, cpu, null);
        float[] magnitude = new float[cpu.Length];
        ConvTranspose2dKernels.Backward(g, x, HostArrays.Abs(w), HostArrays.Abs(dY), magnitude,
            null);

        using DeviceTensor deviceW = HostArrays.Upload(device, w, g.WeightShape);
        using DeviceTensor deviceDy = HostArrays.Upload(device, dY, g.InputShape);
        using DeviceTensor deviceDx = HostArrays.NaNs(device, g.OutputShape);
        DeviceConvTranspose2d.BackwardInput(g, deviceDy, deviceW, deviceDx);

        return Comparison.Compare(label, "backward dX", "ConvTranspose2dKernels",
            deviceDx.ToHost().Data, cpu, Conv2dChecks.Bound(magnitude, g.ReceptiveFieldSize));
    }

    private static CheckResult BackwardWeight(
        ComputeDevice device, KernelCheckLabel label, in Conv2dGeometry g)
    {
        var rng = new Rng(53);
        float[] x = HostArrays.Uniform(rng, g.OutputShape.ElementCount);
        float[] w = HostArrays.Uniform(rng, g.WeightShape.ElementCount);
        float[] dY = HostArrays.Uniform(rng, g.InputShape.ElementCount);
        float[] cpu = new float[g.WeightShape.ElementCount];
        ConvTranspose2dKernels.Backward(g, x, w, dY, null, cpu);
        float[] magnitude = new float[cpu.Length];
        ConvTranspose2dKernels.Backward(g, HostArrays.Abs(x), w, HostArrays.Abs(dY), null,
            magnitude);

        using DeviceTensor deviceX = HostArrays.Upload(device, x, g.OutputShape);
        using DeviceTensor deviceDy = HostArrays.Upload(device, dY, g.InputShape);
        using DeviceTensor deviceDw = HostArrays.NaNs(device, g.WeightShape);
        DeviceConvTranspose2d.BackwardWeight(g, deviceX, deviceDy, deviceDw);

        long terms = (long)g.Batch * g.OutPlaneSize;
        return Comparison.Compare(label, "backward dW", "ConvTranspose2dKernels",
            deviceDw.ToHost().Data, cpu, Conv2dChecks.Bound(magnitude, terms));
    }

    private static CheckResult BackwardBias(
        ComputeDevice device, KernelCheckLabel label, in Conv2dGeometry g)
    {
        float[] dY = HostArrays.Uniform(new Rng(54), g.InputShape.ElementCount);
        float[] cpu = new float[g.InChannels];
        ConvTranspose2dKernels.BackwardBias(g, dY, cpu);
        float[] magnitude = new float[cpu.Length];
        ConvTranspose2dKernels.BackwardBias(g, HostArrays.Abs(dY), magnitude);

        using DeviceTensor deviceDy = HostArrays.Upload(device, dY, g.InputShape);
        using DeviceTensor deviceDb = HostArrays.NaNs(device, new(g.InChannels));
        DeviceConvTranspose2d.BackwardBias(g, deviceDy, deviceDb);

        long terms = (long)g.Batch * g.InPlaneSize;
        return Comparison.Compare(label, "backward dBias", "ConvTranspose2dKernels",
            deviceDb.ToHost().Data, cpu, Conv2dChecks.Bound(magnitude, terms));
    }
}
