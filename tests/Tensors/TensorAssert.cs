namespace NativeGan.Tensors.Tests;

/// <summary>Comparisons of float32 results with float64 references.</summary>
internal static class TensorAssert
{
    /// <summary>
    /// Asserts that each actual[i] is within absolute + relative * |expected[i]| of
    /// expected[i]. The message names the first element out of tolerance.
    /// </summary>
    public static void Close(
        ReadOnlySpan<double> expected,
        ReadOnlySpan<float> actual,
        double relative = 1e-6,
        double absolute = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            double allowed = absolute + relative * Math.Abs(expected[i]);
            if (!(error <= allowed))
            {
                Assert.Fail(
                    $"Element {i} of {expected.Length}: expected {expected[i]:G9}, got " +
                    $"{actual[i]:G9}, error {error:G3} > allowed {allowed:G3}.");
            }
        }
    }
}
