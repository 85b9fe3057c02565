namespace NativeGan.Tensors.Tests;

public sealed class RngTests
{
    [Fact]
    public void NextUInt64_SameSeed_SameSequence()
    {
        var first = new Rng(123);
        var second = new Rng(123);

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(first.NextUInt64(), second.NextUInt64());
        }
    }

    [Fact]
    public void NextUInt64_DifferentSeeds_DifferentSequences()
    {
        Assert.NotEqual(new Rng(1).NextUInt64(), new Rng(2).NextUInt64());
    }

    [Fact]
    public void Restore_SavedState_RepeatsSequence()
    {
        var rng = new Rng(9);
        rng.NextNormal();
        ulong[] state = rng.SaveState();
        float[] expected = [rng.NextNormal(), rng.NextFloat(), rng.NextInt(10)];

        var restored = new Rng(0);
        restored.Restore(state);

        float[] actual = [restored.NextNormal(), restored.NextFloat(), restored.NextInt(10)];

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Restore_WrongLength_Throws(int length)
    {
        var rng = new Rng(1);

        Assert.Throws<ArgumentException>(() => rng.Restore(new ulong[length]));
    }

    [Fact]
    public void Restore_AllZero_Throws()
    {
        var rng = new Rng(1);

        Assert.Throws<ArgumentException>(() => rng.Restore(new ulong[4]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void NextInt_ManyDraws_StayInRange(int maxExclusive)
    {
        var rng = new Rng(4);

        for (int i = 0; i < 2000; i++)
        {
            Assert.InRange(rng.NextInt(maxExclusive), 0, maxExclusive - 1);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void NextInt_NonPositiveBound_Throws(int maxExclusive)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rng(1).NextInt(maxExclusive));
    }

    [Fact]
    public void NextFloat_ManyDraws_InUnitInterval()
    {
        var rng = new Rng(5);

        for (int i = 0; i < 10000; i++)
        {
            Assert.InRange(rng.NextFloat(), 0f, 0.99999994f);
        }
    }

    [Fact]
    public void FillNormal_ManyDraws_HasRequestedMoments()
    {
        // 5 standard errors: the mean's is std / sqrt(n), the variance's is
        // std^2 sqrt(2 / n) for a normal distribution.
        const int Count = 100_000;
        var values = new float[Count];
        new Rng(6).FillNormal(values, mean: 3f, std: 2f);

        double mean = values.Average(v => (double)v);
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (Count - 1);

        double meanTolerance = 5 * 2.0 / Math.Sqrt(Count);
        double varianceTolerance = 5 * 4.0 * Math.Sqrt(2.0 / Count);
        Assert.InRange(mean, 3.0 - meanTolerance, 3.0 + meanTolerance);
        Assert.InRange(variance, 4.0 - varianceTolerance, 4.0 + varianceTolerance);
    }

    [Fact]
    public void Shuffle_Values_IsPermutation()
    {
        int[] values = Enumerable.Range(0, 257).ToArray();

        new Rng(8).Shuffle<int>(values);

        Assert.Equal(Enumerable.Range(0, 257), values.Order());
        Assert.NotEqual(Enumerable.Range(0, 257), values);
    }
}
