using System.Reflection;
using ILGPU.Runtime;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Handle of one kernel method: loaded (compiled) once per <see cref="ComputeDevice"/> on
/// first use and cached there as a launcher delegate.
/// </summary>
/// <typeparam name="TLauncher">
/// Launcher type: <c>Action&lt;AcceleratorStream, Index1D, ...&gt;</c> for an implicitly
/// grouped kernel or <c>Action&lt;AcceleratorStream, KernelConfig, ...&gt;</c> for an
/// explicitly grouped one, followed by the kernel's other parameters.
/// </typeparam>
internal sealed class DeviceKernel<TLauncher>
    where TLauncher : Delegate
{
    private readonly bool _explicitlyGrouped;

    /// <summary>
    /// Finds the kernel method <paramref name="name"/> of <paramref name="owner"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The method does not exist or lacks <see cref="DeviceKernelAttribute"/>.
    /// </exception>
    public DeviceKernel(Type owner, string name)
    {
        const BindingFlags Flags = BindingFlags.Static | BindingFlags.Public |
            BindingFlags.NonPublic;
        Method = owner.GetMethod(name, Flags) ?? throw new InvalidOperationException(
            $"Kernel method {owner.Name}.{name} was not found.");
        DeviceKernelAttribute mark = Method.GetCustomAttribute<DeviceKernelAttribute>() ??
            throw new InvalidOperationException(
                $"Kernel method {owner.Name}.{name} lacks [DeviceKernel], so the PTX " +
                "compilation test would not cover it. Add the attribute.");
        _explicitlyGrouped = mark.ExplicitlyGrouped;
        Id = DeviceKernelIds.Next();
    }

    /// <summary>Kernel method.</summary>
    public MethodInfo Method { get; }

    /// <summary>Number of this handle, unique in the process, the key of device caches.</summary>
    public int Id { get; }

    /// <summary>
    /// Returns the launcher on <paramref name="device"/>, compiling it on first use.
    /// </summary>
    public TLauncher On(ComputeDevice device) => device.GetKernel(this);

    /// <summary>Compiles the kernel for <paramref name="accelerator"/>.</summary>
    internal TLauncher Load(Accelerator accelerator) =>
        _explicitlyGrouped
            ? accelerator.LoadKernel<TLauncher>(Method)
            : accelerator.LoadAutoGroupedKernel<TLauncher>(Method);
}

/// <summary>Source of <see cref="DeviceKernel{TLauncher}.Id"/> values.</summary>
internal static class DeviceKernelIds
{
    private static int _last;

    /// <summary>Returns a number not returned before in this process.</summary>
    public static int Next() => Interlocked.Increment(ref _last);
}
