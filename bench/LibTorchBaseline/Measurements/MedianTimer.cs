using System.Diagnostics;

namespace NativeGan.LibTorchBaseline.Measurements;

/// <summary>Wall-clock timing of repeated calls: the median after untimed warm-up calls.</summary>
public static class MedianTimer
{
    /// <summary>
    /// Calls <paramref name="action"/> <paramref name="warmup"/> times untimed, then
    /// <paramref name="repetitions"/> times timed one by one, and returns the median time
    /// of one call in milliseconds.
    /// </summary>
    public static double MeasureMilliseconds(Action action, int warmup, int repetitions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);

        for (int i = 0; i < warmup; i++)
        {
            action();
        }

        var milliseconds = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return Median(milliseconds);
    }

    /// <summary>Returns the median of <paramref name="values"/>, which it sorts in place.</summary>
    public static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException("The median of an empty array is undefined.", nameof(values));
        }

        Array.Sort(values);
        int middle = values.Length / 2;
        return values.Length % 2 == 1
            ? values[middle]
            : (values[middle - 1] + values[middle]) / 2;
    }
}
