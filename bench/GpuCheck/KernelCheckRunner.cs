using System.Diagnostics;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>Runs every kernel check on a device and prints one line per compared output.</summary>
internal static class KernelCheckRunner
{
    /// <summary>
    /// Runs the checks of every kernel family on <paramref name="device"/> with the sizes of
    /// <paramref name="sizes"/>, in order. A check that throws is recorded as failed and the
    /// others still run.
    /// </summary>
    public static IReadOnlyList<CheckResult> Run(ComputeDevice device, CheckSizes sizes)
    {
        IEnumerable<KernelCheck> checks =
        [
            .. GemmChecks.Create(device, sizes),
            .. Conv2dChecks.Create(device, sizes),
            .. ConvTranspose2dChecks.Create(device, sizes),
            .. ElementwiseChecks.Create(device, sizes),
            .. ActivationChecks.Create(device, sizes),
            .. ReductionChecks.Create(device, sizes),
            .. BatchNormChecks.Create(device, sizes),
            .. LossChecks.Create(device, sizes),
            .. AdamChecks.Create(device, sizes),
            .. TrainingStepChecks.Create(device, sizes),
        ];
        var results = new List<CheckResult>();
        foreach (KernelCheck check in checks)
        {
            var clock = Stopwatch.StartNew();
            IReadOnlyList<CheckResult> outputs;
            try
            {
                outputs = check.Run();
            }
            catch (Exception error)
            {
                // A failing kernel must not hide the others, so the error is recorded and
                // the run goes on. A CUDA error can leave the context unusable, in which
                // case the later checks record errors too.
                outputs = [CheckResult.Threw(check.Label.Family, check.Name, check.Label.Size,
                    error)];
            }

            foreach (CheckResult result in outputs)
            {
                Console.WriteLine(ResultLine.Format(result, clock.Elapsed.TotalSeconds));
            }

            results.AddRange(outputs);
        }

        return results;
    }
}
