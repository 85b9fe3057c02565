using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>
/// DeviceConv2d against Conv2dKernels: the forward pass with bias and the input, weight
/// and bias gradients, each within the float32 summation bound of the convolution tests.
/// </summary>
internal static class Conv2dChecks
{
    /// <summary>Creates the checks.</summary>
    public static IEnumerable<KernelCheck> Create(ComputeDevice device, CheckSizes sizes)
    {
        foreach (ConvCase convCase in sizes.Conv2d)
        {
            Conv2dGeometry g = convCase.Geometry;
            var label = new KernelCheckLabel("conv2d", $"{convCase.Name}: {g}");
            yield return new KernelCheck(label, "forward", () => [Forward(device, label, g)]);
            yield return new KernelCheck(
                label, "backward dX", () => [BackwardInput(device, label, g)]);
            yield return new KernelCheck(
                label, "backward dW", () => [BackwardWeight(device, label, g)]);
            yield return new KernelCheck(
                label, "backward dBias", () => [BackwardBias(device, label, g)]);
        }
    }

    /// <summary>
    /// Returns the tolerance between two float32 results that each sum
    /// <paramref name="terms"/> products: twice the bound 2 (terms + 2) u sum|term| + 1e-6
    /// that the convolution tests allow against float64.
    /// </summary>
    internal static Tolerance Bound(float[] magnitude, long terms) =>
        Tolerance.Summation(magnitude, terms, 2, 4, 1e-6);

    private static CheckResult Forward(
        ComputeDevice device, KernelCheckLabel label, in Conv2dGeometry g)
    {
        var rng = new Rng(41);
        float[] x = HostArrays.Uniform(rng, g.InputShape.ElementCount);
        float[] w = HostArrays.Uniform(rng, g.WeightShape.ElementCount);
        float[] bias = HostArrays.Uniform(rng, g.OutChannels);
        float[] cpu = new float[g.OutputShape.ElementCount];
        Conv2dKernels.Forward(g, x, w, bias, cpu);
        float[] magnitude = new float[cpu.Length];
        Conv2dKernels.Forward(g, HostArrays.Abs(x), HostArrays.Abs(w), HostArrays.Abs(bias),
            magnitude);

        using DeviceTensor deviceX = HostArrays.Upload(device, x, g.InputShape);
        using DeviceTensor deviceW = HostArrays.Upload(device, w, g.WeightShape);
        using DeviceTensor deviceBias = HostArrays.Upload(device, bias, new(g.OutChannels));
        using DeviceTensor deviceY = HostArrays.NaNs(device, g.OutputShape);
        DeviceConv2d.Forward(g, deviceX, deviceW, deviceBias, deviceY);

        return Comparison.Compare(label, "forward", "Conv2dKernels", deviceY.ToHost().Data, cpu,
            Bound(magnitude, g.ReceptiveFieldSize + 1));
    }

    private static CheckResult BackwardInput(
        ComputeDevice device, KernelCheckLabel label, in Conv2dGeometry g)
    {
        var rng = new Rng(42);
        float[] dY = HostArrays.Uniform(rng, g.OutputShape.ElementCount);
        float[] w = HostArrays.Uniform(rng, g.WeightShape.ElementCount);
        float[] cpu = new float[g.InputShape.ElementCount];
        Conv2dKernels.BackwardInput(g, dY, w, cpu);
        float[] magnitude = new float[cpu.Length];
        Conv2dKernels.BackwardInput(g, HostArrays.Abs(dY), HostArrays.Abs(w), magnitude);

        using DeviceTensor deviceDy = HostArrays.Upload(device, dY, g.OutputShape);
        using DeviceTensor deviceW = HostArrays.Upload(device, w, g.WeightShape);
        using DeviceTensor deviceDx = HostArrays.NaNs(device, g.InputShape);
        DeviceConv2d.BackwardInput(g, deviceDy, deviceW, deviceDx);

        long terms = (long)g.OutChannels * g.Kernel.Height * g.Kernel.Width;
        return Comparison.Compare(label, "backward dX", "Conv2dKernels", deviceDx.ToHost().Data,
            cpu, Bound(magnitude, terms));
    }

    private static CheckResult BackwardWeight(
        ComputeDevice device, KernelCheckLabel label, in Conv2dGeometry g)
    {
        var rng = new Rng(43);
        float[] x = HostArrays.Uniform(rng, g.InputShape.ElementCount);
        float[] dY = HostArrays.Uniform(rng, g.OutputShape.ElementCount);
        float[] cpu = new float[g.WeightShape.ElementCount];
        Conv2dKernels.BackwardWeight(g, x, dY, cpu);
        float[] magnitude = new float[cpu.Length];
        Conv2dKernels.BackwardWeight(g, HostArrays.Abs(x), HostArrays.Abs(dY), magnitude);

        using DeviceTensor deviceX = HostArrays.Upload(device, x, g.InputShape);
        using DeviceTensor deviceDy = HostArrays.Upload(device, dY, g.OutputShape);
        using DeviceTensor deviceDw = HostArrays.NaNs(device, g.WeightShape);
        DeviceConv2d.BackwardWeight(g, deviceX, deviceDy, deviceDw);

        long terms = (long)g.Batch * g.OutPlaneSize;
        return Comparison.Compare(label, "backward dW", "Conv2dKernels", deviceDw.ToHost().Data,
            cpu, Bound(magnitude, terms));
    }

    private static CheckResult BackwardBias(
        ComputeDevice device, KernelCheckLabel label, in Conv2dGeometry g)
    {
        float[] dY = HostArrays.Uniform(new Rng(44), g.OutputShape.ElementCount);
        float[] cpu = new float[g.OutChannels];
        Conv2dKernels.BackwardBias(g, dY, cpu);
        float[] magnitude = new float[cpu.Length];
        Conv2dKernels.BackwardBias(g, HostArrays.Abs(dY), magnitude);

        using DeviceTensor deviceDy = HostArrays.Upload(device, dY, g.OutputShape);
        using DeviceTensor deviceDb = HostArrays.NaNs(device, new(g.OutChannels));
        DeviceConv2d.BackwardBias(g, deviceDy, deviceDb);

        long terms = (long)g.Batch * g.OutPlaneSize;
        return Comparison.Compare(label, "backward dBias", "Conv2dKernels",
            deviceDb.ToHost().Data, cpu, Bound(magnitude, terms));
    }
}
