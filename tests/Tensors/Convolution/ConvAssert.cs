namespace NativeGan.Tensors.Tests.Convolution;

/// <summary>Comparison of float32 convolution results with float64 references.</summary>
internal static class ConvAssert
{
    private const double UnitRoundoff = 1.0 / (1 << 24);

    /// <summary>
    /// Asserts that every element is within the float32 summation error bound of its
    /// reference: 2 (terms + 2) u sum|term|, with u = 2^-24 and terms the largest number of
    /// products summed into one element. An indexing error misses whole terms and fails.
    /// </summary>
    public static void Close(ConvReference.Result expected, float[] actual, long terms)
    {
        Assert.Equal(expected.Value.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            double allowed = 2.0 * (terms + 2) * UnitRoundoff * expected.Magnitude[i] + 1e-6;
            double error = Math.Abs(actual[i] - expected.Value[i]);
            if (!(error <= allowed))
            {
                Assert.Fail(
                    $"Element {i} of {actual.Length}: expected {expected.Value[i]:G9}, got " +
                    $"{actual[i]:G9}, error {error:G3} > allowed {allowed:G3}.");
            }
        }
    }
}
