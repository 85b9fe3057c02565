using NativeGan.Tensors.Gpu;

namespace NativeGan.Gan.Tests.Devices;

/// <summary>
/// One ILGPU CPU accelerator shared by the tests of a class, so that its kernels are
/// compiled once.
/// </summary>
public sealed class CpuAcceleratorFixture : IDisposable
{
    /// <summary>Device that runs the GPU kernels on host threads.</summary>
    public ComputeDevice Device { get; } = ComputeDevice.CreateCpuAccelerator();

    /// <summary>Frees the accelerator.</summary>
    public void Dispose() => Device.Dispose();
}
