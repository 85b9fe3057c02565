namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Mark of a static method that ILGPU compiles into a GPU kernel. Every kernel that
/// <see cref="DeviceKernel{TLauncher}"/> loads must carry it, so that the PTX compilation
/// test, which finds kernels by this mark, compiles every one of them.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
internal sealed class DeviceKernelAttribute : Attribute
{
    /// <summary>
    /// Whether the kernel is explicitly grouped: launched with a <c>KernelConfig</c> of grid
    /// and group sizes, reading Grid and Group indices, and free to use shared memory and
    /// barriers. Otherwise its first parameter is an <c>Index1D</c> and ILGPU picks groups.
    /// </summary>
    public bool ExplicitlyGrouped { get; init; }
}
