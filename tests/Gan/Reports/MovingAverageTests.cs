using NativeGan.Gan.Reports;

namespace NativeGan.Gan.Tests.Reports;

public sealed class MovingAverageTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(7, 4)]
    [InlineData(101, 9)]
    [InlineData(257, 30)]
    [InlineData(13, 40)]
    public void Compute_RandomSeries_MatchesDirectMean(int count, int window)
    {
        double[] values = RandomSeries(count, seed: count + window);

        double[] average = MovingAverage.Compute(values, window);

        double[] expected = DirectMean(values, window);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(expected[i], average[i], 1e-12);
        }
    }

    [Fact]
    public void Compute_NaNInWindow_AveragesFiniteValues()
    {
        double[] average = MovingAverage.Compute([1, double.NaN, 3, double.PositiveInfinity], 3);

        Assert.Equal([1, 2, 3, 3], average);
    }

    [Fact]
    public void Compute_AllNaNWindow_IsNaN()
    {
        double[] average = MovingAverage.Compute([double.NaN, double.NaN, 5], 1);

        Assert.True(double.IsNaN(average[0]));
        Assert.Equal(5, average[2]);
    }

    [Fact]
    public void Compute_WindowZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MovingAverage.Compute([1.0], 0));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(40, 1)]
    [InlineData(149, 1)]
    [InlineData(151, 2)]
    [InlineData(50_000, 500)]
    public void WindowFor_Count_IsOnePercentAtLeastOne(int count, int window)
    {
        Assert.Equal(window, MovingAverage.WindowFor(count));
    }

    private static double[] RandomSeries(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * 4 - 2).ToArray();
    }

    /// <summary>Mean of values[i - (window - 1) / 2 .. i + window / 2] within the series.</summary>
    private static double[] DirectMean(double[] values, int window)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int start = Math.Max(0, i - (window - 1) / 2);
            int end = Math.Min(values.Length - 1, i + window / 2);
            double sum = 0;
            for (int j = start; j <= end; j++)
            {
                sum += values[j];
            }

            result[i] = sum / (end - start + 1);
        }

        return result;
    }
}
