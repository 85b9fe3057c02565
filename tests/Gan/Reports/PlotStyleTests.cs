using NativeGan.Gan.Reports;

namespace NativeGan.Gan.Tests.Reports;

public sealed class PlotStyleTests
{
    [Fact]
    public void Decimate_ShortSeries_ReturnsItUnchanged()
    {
        double[] x = [1, 2, 3, 4];
        double[] y = [5, 6, 7, 8];

        var (keptX, keptY) = PlotStyle.Decimate((x, y), buckets: 2);

        Assert.Same(x, keptX);
        Assert.Same(y, keptY);
    }

    [Fact]
    public void Decimate_LongSeries_KeepsBucketExtrema()
    {
        var random = new Random(5);
        double[] x = Enumerable.Range(1, 1001).Select(i => (double)i).ToArray();
        double[] y = x.Select(_ => random.NextDouble()).ToArray();
        const int Buckets = 7;

        var (keptX, keptY) = PlotStyle.Decimate((x, y), Buckets);

        Assert.True(keptX.Length <= 2 * Buckets + 2);
        Assert.Equal(x[0], keptX[0]);
        Assert.Equal(x[^1], keptX[^1]);
        Assert.True(keptX.Zip(keptX.Skip(1)).All(pair => pair.First < pair.Second));
        for (int b = 0; b < Buckets; b++)
        {
            int start = x.Length * b / Buckets;
            int end = x.Length * (b + 1) / Buckets;
            double[] bucket = y[start..end];
            Assert.Contains(bucket.Min(), keptY);
            Assert.Contains(bucket.Max(), keptY);
        }
    }

    [Fact]
    public void RobustLimits_OneSpike_LeavesItOut()
    {
        double[] raw = [.. Enumerable.Repeat(1.0, 999), 1000.0];

        var limits = PlotStyle.RobustLimits([raw], [raw.Select(_ => 1.0).ToArray()]);

        Assert.NotNull(limits);
        Assert.True(limits.Value.High < 2, $"high {limits.Value.High}");
        Assert.True(limits.Value.Low < 1, $"low {limits.Value.Low}");
    }

    [Fact]
    public void RobustLimits_NoFiniteValue_ReturnsNull()
    {
        Assert.Null(PlotStyle.RobustLimits([[double.NaN]], [[double.NaN]]));
    }
}
