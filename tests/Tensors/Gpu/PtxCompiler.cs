using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors.Tests.Gpu;

/// <summary>
/// Compilation of kernels to PTX text for a chosen CUDA architecture without a GPU or a
/// driver, through ILGPU's PTX backend, so that code which only fails in GPU code
/// generation is caught on any machine.
/// </summary>
internal static class PtxCompiler
{
    /// <summary>Every method of NativeGan.Tensors marked with [DeviceKernel].</summary>
    public static IReadOnlyList<MethodInfo> AllKernels() =>
        typeof(ComputeDevice).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(
                BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic |
                BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttribute<DeviceKernelAttribute>() is not null)
            .OrderBy(method => method.DeclaringType!.Name)
            .ThenBy(method => method.Name)
            .ToList();

    /// <summary>
    /// Compiles <paramref name="kernel"/> for <paramref name="architecture"/> with the PTX
    /// instruction set of the oldest driver that supports it, in a fresh context with the
    /// options of <see cref="ComputeDevice"/>, and returns the PTX text.
    /// </summary>
    /// <remarks>
    /// A fresh context per kernel, because one internal compiler error in ILGPU 1.5.3
    /// leaves its context unusable for later compilations.
    /// </remarks>
    public static string Compile(MethodInfo kernel, CudaArchitecture architecture)
    {
        bool grouped = kernel.GetCustomAttribute<DeviceKernelAttribute>()!.ExplicitlyGrouped;
        using var context = Context.Create(builder => builder.EnableAlgorithms());
        var capabilities = new CudaCapabilityContext(architecture);
        CudaInstructionSet instructionSet = CudaAccelerator.GetInstructionSet(
            architecture, CudaDriverVersionUtils.GetMinimumDriverVersion(architecture));
        using var backend = new PTXBackend(
            context, capabilities, capabilities.TargetArchitecture, instructionSet, null);
        EntryPointDescription entry = grouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(kernel)
            : EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
        return compiled.PTXAssembly;
    }
}
