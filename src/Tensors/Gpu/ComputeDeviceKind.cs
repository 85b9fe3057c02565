namespace NativeGan.Tensors.Gpu;

/// <summary>Kind of a <see cref="ComputeDevice"/>: where its kernels run.</summary>
public enum ComputeDeviceKind
{
    /// <summary>
    /// The host CPU with the SIMD kernels on <see cref="Tensor"/>, without device memory.
    /// </summary>
    Cpu,

    /// <summary>
    /// An NVIDIA GPU through ILGPU's CUDA accelerator, driven by the driver library alone.
    /// </summary>
    Cuda,

    /// <summary>
    /// ILGPU's CPU accelerator, which runs the GPU kernels on host threads with the same
    /// group, barrier and shared-memory semantics. It is slow and meant for tests and
    /// debugging.
    /// </summary>
    CpuAccelerator,
}
