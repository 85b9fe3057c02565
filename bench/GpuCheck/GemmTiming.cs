using System.Diagnostics;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>
/// Times n x n x n SGEMM (C = A B, beta 0, no transposes) with DeviceGemm: warm-up
/// launches, then rounds of back-to-back launches with ComputeDevice.Synchronize before and
/// after each round, so a round's wall time covers all its kernels.
/// </summary>
internal static class GemmTiming
{
    private const int WarmupLaunches = 3;
    private const int Rounds = 5;
    private const int MaxLaunchesPerRound = 200;

    // Each round runs for about this long, so that launch overhead and timer resolution
    // stay small next to it while the whole timing stays within seconds per size.
    private static readonly TimeSpan RoundTarget = TimeSpan.FromMilliseconds(200);

    /// <summary>Times SGEMM at each side in <paramref name="sides"/>, in order.</summary>
    public static IReadOnlyList<TimingResult> Run(ComputeDevice device, IReadOnlyList<int> sides)
    {
        var results = new List<TimingResult>();
        foreach (int n in sides)
        {
            TimingResult result;
            try
            {
                result = Time(device, n);
            }
            catch (Exception error)
            {
                // Out of device memory or a CUDA error at one size must not hide the others.
                result = new TimingResult(
                    Name(n), Size(n), 0, 0, double.NaN, double.NaN, null, error.ToString());
            }

            Console.WriteLine(ResultLine.Format(result));
            results.Add(result);
        }

        return results;
    }

    private static string Name(int n) => $"sgemm_{n}";

    private static string Size(int n) => $"{n}x{n}x{n}";

    private static TimingResult Time(ComputeDevice device, int n)
    {
        var rng = new Rng((ulong)n);
        using DeviceTensor a = HostArrays.Upload(device, HostArrays.Uniform(rng, n * n), new(n, n));
        using DeviceTensor b = HostArrays.Upload(device, HostArrays.Uniform(rng, n * n), new(n, n));
        using DeviceTensor c = DeviceTensor.Zeros(device, n, n);

        // The first warm-up launch compiles the kernel. One more launch sizes the rounds.
        Launch(device, a, b, c, WarmupLaunches);
        double launchSeconds = Launch(device, a, b, c, 1);
        int launches = (int)Math.Clamp(
            Math.Ceiling(RoundTarget.TotalSeconds / Math.Max(launchSeconds, 1e-6)), 1,
            MaxLaunchesPerRound);

        var milliseconds = new double[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            milliseconds[round] = Launch(device, a, b, c, launches) * 1000 / launches;
        }

        Array.Sort(milliseconds);
        double median = milliseconds[Rounds / 2];
        double flops = 2.0 * n * n * n;
        return new TimingResult(Name(n), Size(n), launches, Rounds, median, milliseconds[0],
            flops / (median / 1000) / 1e9, null);
    }

    // Returns the wall time in seconds of `count` launches queued back to back.
    private static double Launch(
        ComputeDevice device, DeviceTensor a, DeviceTensor b, DeviceTensor c, int count)
    {
        device.Synchronize();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            DeviceGemm.Multiply(false, false, 1f, a, b, 0f, c);
        }

        device.Synchronize();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
