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

    // The kernel choice of DeviceGemm first, under the plain name that the summary compares
    // with cuBLAS, then each kernel forced, to measure where the choice should switch.
    private static readonly (GemmTiling Tiling, string Suffix)[] Variants =
    [
        (GemmTiling.Auto, ""),
        (GemmTiling.Narrow, "_64x64"),
        (GemmTiling.Wide, "_128x128"),
    ];

    /// <summary>
    /// Times SGEMM at each side in <paramref name="sides"/>, in order, with DeviceGemm's
    /// own kernel choice and with each kernel forced.
    /// </summary>
    public static IReadOnlyList<TimingResult> Run(ComputeDevice device, IReadOnlyList<int> sides)
    {
        var results = new List<TimingResult>();
        foreach (int n in sides)
        {
            foreach (var (tiling, suffix) in Variants)
            {
                string name = $"sgemm_{n}{suffix}";
                TimingResult result;
                try
                {
                    result = Time(device, n, tiling, name);
                }
                catch (Exception error)
                {
                    // Out of device memory or a CUDA error at one size must not hide the
                    // others.
                    result = new TimingResult(
                        name, Size(n), 0, 0, double.NaN, double.NaN, null, error.ToString());
                }

                Console.WriteLine(ResultLine.Format(result));
                results.Add(result);
            }
        }

        return results;
    }

    private static string Size(int n) => $"{n}x{n}x{n}";

    private static TimingResult Time(ComputeDevice device, int n, GemmTiling tiling, string name)
    {
        var rng = new Rng((ulong)n);
        using DeviceTensor a = HostArrays.Upload(device, HostArrays.Uniform(rng, n * n), new(n, n));
        using DeviceTensor b = HostArrays.Upload(device, HostArrays.Uniform(rng, n * n), new(n, n));
        using DeviceTensor c = DeviceTensor.Zeros(device, n, n);

        // The first warm-up launch compiles the kernel. One more launch sizes the rounds.
        Launch(device, a, b, c, tiling, WarmupLaunches);
        double launchSeconds = Launch(device, a, b, c, tiling, 1);
        int launches = (int)Math.Clamp(
            Math.Ceiling(RoundTarget.TotalSeconds / Math.Max(launchSeconds, 1e-6)), 1,
            MaxLaunchesPerRound);

        var milliseconds = new double[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            milliseconds[round] = Launch(device, a, b, c, tiling, launches) * 1000 / launches;
        }

        Array.Sort(milliseconds);
        double median = milliseconds[Rounds / 2];
        double flops = 2.0 * n * n * n;
        return new TimingResult(name, Size(n), launches, Rounds, median, milliseconds[0],
            flops / (median / 1000) / 1e9, null);
    }

    // Returns the wall time in seconds of `count` launches queued back to back.
    private static double Launch(
        ComputeDevice device, DeviceTensor a, DeviceTensor b, DeviceTensor c,
        GemmTiling tiling, int count)
    {
        device.Synchronize();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            DeviceGemm.Multiply(false, false, 1f, a, b, 0f, c, tiling);
        }

        device.Synchronize();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
