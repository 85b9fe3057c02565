using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors.Tests.Gpu;

/// <summary>
/// One ILGPU CPU accelerator shared by the GPU kernel tests, so that each kernel is
/// compiled once per test run.
/// </summary>
public sealed class CpuAcceleratorFixture : IDisposable
{
    /// <summary>Device on which the tests run the kernels.</summary>
    public ComputeDevice Device { get; } = ComputeDevice.CreateCpuAccelerator();

    /// <inheritdoc />
    public void Dispose() => Device.Dispose();
}

/// <summary>Collection of the tests that share <see cref="CpuAcceleratorFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class CpuAcceleratorCollection : ICollectionFixture<CpuAcceleratorFixture>
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "ILGPU CPU accelerator";
}
