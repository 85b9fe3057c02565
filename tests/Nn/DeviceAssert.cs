using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Nn.Tests;

/// <summary>Comparisons of tensors computed on a device with the same ones from the CPU.</summary>
internal static class DeviceAssert
{
    /// <summary>
    /// Asserts that <paramref name="device"/> has the shape of <paramref name="cpu"/> and that
    /// each element is within absolute + relative * |cpu| of it. The message names
    /// <paramref name="what"/> and the first element out of tolerance.
    /// </summary>
    public static void Close(
        Tensor cpu, Tensor device, string what, double relative = 1e-4, double absolute = 1e-5)
    {
        Assert.Equal(cpu.Shape, device.Shape);
        float[] expected = cpu.To(ComputeDevice.Cpu).Data;
        float[] actual = device.To(ComputeDevice.Cpu).Data;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)actual[i] - expected[i]);
            double allowed = absolute + relative * Math.Abs(expected[i]);
            if (!(error <= allowed))
            {
                Assert.Fail(
                    $"{what}, element {i} of {expected.Length}: CPU {expected[i]:G9}, device " +
                    $"{actual[i]:G9}, error {error:G3} > allowed {allowed:G3}.");
            }
        }
    }
}
