namespace NativeGan.Tensors.Tests.Gpu;

/// <summary>Comparisons of device results with CPU results and float64 references.</summary>
internal static class DeviceAssert
{
    /// <summary>
    /// Asserts that the device result is within tolerance of the float64 reference and,
    /// separately, of the CPU kernel's result: relative * |expected| + absolute each.
    /// </summary>
    public static void MatchesBoth(
        double[] float64, float[] cpu, float[] device, double relative, double absolute)
    {
        TensorAssert.Close(float64, device, relative, absolute);
        TensorAssert.Close(ToDouble(cpu), device, relative, absolute);
    }

    /// <summary>Converts float values to double.</summary>
    public static double[] ToDouble(float[] values) => values.Select(v => (double)v).ToArray();
}
