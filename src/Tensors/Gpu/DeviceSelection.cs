namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Choice of a <see cref="ComputeDevice"/> from a <see cref="DeviceChoice"/> and a CUDA search.
/// </summary>
internal static class DeviceSelection
{
    /// <summary>
    /// Selects the device for <paramref name="choice"/>. <paramref name="probe"/> searches
    /// for CUDA GPUs and is not called for <see cref="DeviceChoice.Cpu"/>.
    /// </summary>
    /// <exception cref="GpuNotFoundException">A GPU was required and none is usable.</exception>
    public static ComputeDevice Select(DeviceChoice choice, Func<CudaProbeReport> probe)
    {
        if (choice == DeviceChoice.Cpu)
        {
            return ComputeDevice.CreateCpu("The CPU was requested (device cpu).");
        }

        if (!Enum.IsDefined(choice))
        {
            throw new ArgumentOutOfRangeException(
                nameof(choice), choice, "Device choice must be Cpu, Gpu or Auto.");
        }

        CudaProbeReport report = probe();
        if (report.UsableDeviceId is int deviceId)
        {
            string reason = choice == DeviceChoice.Gpu
                ? $"A GPU was requested (device gpu) and CUDA GPU {deviceId} is usable. "
                : $"Device auto takes a CUDA GPU when one is usable, and GPU {deviceId} is. ";
            return ComputeDevice.CreateCuda(deviceId, reason + report.Describe());
        }

        if (choice == DeviceChoice.Gpu)
        {
            throw new GpuNotFoundException(NotFoundMessage(report));
        }

        return ComputeDevice.CreateCpu(
            "Device auto found no usable CUDA GPU, so it runs on the CPU. " + report.Describe());
    }

    /// <summary>Writes the error for a GPU request that found no usable GPU.</summary>
    internal static string NotFoundMessage(CudaProbeReport report) =>
        "A GPU was requested (device gpu) but no usable CUDA GPU was found. ILGPU 1.5.3 " +
        "looks for the NVIDIA driver library, imported as 'cuda' (libcuda.so on Linux, " +
        "with libcuda.so.1 tried when that is missing, and nvcuda.dll on Windows). It needs no " +
        $"CUDA toolkit or cuDNN. {report.Describe()} Install or update the NVIDIA driver " +
        "(a driver older than the GPU lists no usable GPU), check that nvidia-smi lists the " +
        "GPU, or run on the CPU (device cpu).";
}
