using System.Diagnostics;
using NativeGan.Gan.Training;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>
/// Times one DCGAN training step on the device, as nativegan train runs it: the real
/// batch is copied from the host, and the losses and logits are copied back for the
/// metrics. Warm-up steps compile the kernels and fill the memory pool first.
/// </summary>
internal static class TrainingStepTiming
{
    private const int WarmupSteps = 5;
    private const int Rounds = 5;

    /// <summary>
    /// Times the step of <paramref name="sizes"/>. Errors are recorded, not thrown.
    /// </summary>
    public static TimingResult Run(ComputeDevice device, CheckSizes sizes)
    {
        string name = $"dcgan_step_b{sizes.TimedStepBatch}" +
            (sizes.StepArchitecture is null ? "" : "_narrow");
        string size = $"batch {sizes.TimedStepBatch}, {sizes.StepModelName}";
        TimingResult result;
        try
        {
            result = Time(device, sizes, name, size);
        }
        catch (Exception error)
        {
            result = new TimingResult(name, size, 0, 0, double.NaN, double.NaN, null,
                error.ToString());
        }

        Console.WriteLine(ResultLine.Format(result));
        return result;
    }

    private static TimingResult Time(
        ComputeDevice device, CheckSizes sizes, string name, string size)
    {
        GanStep step = DcganStepSetup.Create(device, sizes.StepArchitecture, seed: 11);
        Tensor images = DcganStepSetup.RandomImages(sizes.TimedStepBatch, seed: 13);
        // The CPU accelerator's dry run takes seconds per step, so it warms up less.
        int warmup = Math.Min(WarmupSteps, sizes.TimedStepsPerRound + 1);
        for (int i = 0; i < warmup; i++)
        {
            step.Run(images);
        }

        var milliseconds = new double[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            device.Synchronize();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < sizes.TimedStepsPerRound; i++)
            {
                step.Run(images);
            }

            device.Synchronize();
            milliseconds[round] =
                Stopwatch.GetElapsedTime(start).TotalMilliseconds / sizes.TimedStepsPerRound;
        }

        Array.Sort(milliseconds);
        Console.WriteLine(
            $"Device memory after the timing: {device.BytesInUse >> 20} MiB in use, " +
            $"{device.BytesReserved >> 20} MiB reserved by the pool.");
        return new TimingResult(name, size, sizes.TimedStepsPerRound, Rounds,
            milliseconds[Rounds / 2], milliseconds[0], null, null);
    }
}
