namespace NativeGan.GpuCheck;

/// <summary>Element-wise comparison of a device output with its reference.</summary>
internal static class Comparison
{
    /// <summary>
    /// Compares <paramref name="device"/> with <paramref name="expected"/> under
    /// <paramref name="tolerance"/>. A NaN or infinity in the device output fails the check.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static CheckResult Compare(
        KernelCheckLabel label, string name, string reference, ReadOnlySpan<float> device,
        ReadOnlySpan<double> expected, Tolerance tolerance)
    {
        if (device.Length != expected.Length)
        {
            throw new ArgumentException(
                $"{label.Family} {name}: the device output has {device.Length} elements but " +
                $"the reference has {expected.Length}.", nameof(device));
        }

        double maxAbsError = 0;
        double maxReference = 0;
        double maxRatio = 0;
        bool allFinite = true;
        for (int i = 0; i < device.Length; i++)
        {
            double error = Math.Abs(device[i] - expected[i]);
            if (!double.IsFinite(error))
            {
                allFinite = false;
                continue;
            }

            maxAbsError = Math.Max(maxAbsError, error);
            maxReference = Math.Max(maxReference, Math.Abs(expected[i]));
            double allowed = tolerance.Allowed(i, expected[i]);
            maxRatio = Math.Max(maxRatio, Ratio(error, allowed));
        }

        if (!allFinite)
        {
            maxAbsError = double.PositiveInfinity;
            maxRatio = double.PositiveInfinity;
        }

        double relative = maxReference > 0 ? maxAbsError / maxReference : maxAbsError;
        return new CheckResult(
            label.Family, name, label.Size, reference, device.Length, maxAbsError, relative,
            maxRatio, tolerance.Description, allFinite && maxRatio <= 1, null);
    }

    /// <summary>Compares with a float reference, such as a CPU kernel's output.</summary>
    public static CheckResult Compare(
        KernelCheckLabel label, string name, string reference, ReadOnlySpan<float> device,
        ReadOnlySpan<float> expected, Tolerance tolerance) =>
        Compare(label, name, reference, device, ToDouble(expected), tolerance);

    // A zero tolerance demands exact equality, so any error exceeds it infinitely.
    private static double Ratio(double error, double allowed)
    {
        if (allowed > 0)
        {
            return error / allowed;
        }

        return error > 0 ? double.PositiveInfinity : 0;
    }

    /// <summary>Converts float values to double.</summary>
    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }
}
