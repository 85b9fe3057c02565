using NativeGan.Tensors.Gpu;

namespace NativeGan.Tests.Shared;

/// <summary>
/// One ILGPU CPU accelerator shared by the device tests of a test project, so that each
/// kernel is compiled once per test run. Each test project compiles this file in.
/// </summary>
public sealed class CpuAcceleratorFixture : IDisposable
{
    /// <summary>Device that runs the GPU kernels on host threads.</summary>
    public ComputeDevice Device { get; } = ComputeDevice.CreateCpuAccelerator();

    /// <summary>Frees the accelerator.</summary>
    public void Dispose() => Device.Dispose();
}

/// <summary>
/// Collection of the tests that share <see cref="CpuAcceleratorFixture"/>. Its tests run one
/// after another, which also keeps two accelerators from competing for the cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CpuAcceleratorCollection : ICollectionFixture<CpuAcceleratorFixture>
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "ILGPU CPU accelerator";
}
