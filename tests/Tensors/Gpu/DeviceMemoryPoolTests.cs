using System.Runtime.CompilerServices;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors.Tests.Gpu;

// The caching allocator behind device tensors. Each test creates its own CPU accelerator,
// because the byte counts of a shared device move whenever the finalizer thread returns the
// storage of another test's tensors.
public sealed class DeviceMemoryPoolTests
{
    private const int Length = 7 * 33;

    // 231 floats take the 256-float size class.
    private static readonly long Bytes = DeviceMemoryPool.SizeClass(Length) * sizeof(float);

    [Theory]
    [InlineData(1, 256)]
    [InlineData(256, 256)]
    [InlineData(257, 320)]
    [InlineData(320, 320)]
    [InlineData(321, 384)]
    [InlineData(1000, 1024)]
    [InlineData(1025, 1280)]
    [InlineData(100_000, 114_688)]
    public void SizeClass_RoundsUpAtMostAQuarter(long length, long expected)
    {
        Assert.Equal(expected, DeviceMemoryPool.SizeClass(length));
    }

    [Fact]
    public void Dispose_ThenSameSizeClass_ReusesStorage()
    {
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        DeviceTensor first = DeviceTensor.Zeros(device, 1000);
        long reserved = device.BytesReserved;

        first.Dispose();
        using DeviceTensor second = DeviceTensor.Zeros(device, 999);

        Assert.Equal(reserved, device.BytesReserved);
        Assert.Equal(999, second.Length);
    }

    [Fact]
    public void Zeros_NewDevice_CountsBytesInUse()
    {
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();

        using DeviceTensor tensor = DeviceTensor.Zeros(device, 7, 33);

        Assert.Equal(Bytes, device.BytesInUse);
        Assert.Equal(Bytes, device.BytesReserved);
    }

    [Fact]
    public void Dispose_Tensor_DropsBytesInUse()
    {
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        DeviceTensor tensor = DeviceTensor.Zeros(device, 7, 33);

        tensor.Dispose();

        Assert.Equal(0, device.BytesInUse);
        Assert.Equal(Bytes, device.BytesReserved);
    }

    [Fact]
    public void Dispose_ThenSameLength_ReusesStorage()
    {
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        DeviceTensor first = DeviceTensor.Zeros(device, 7, 33);
        long reserved = device.BytesReserved;

        first.Dispose();
        using DeviceTensor second = DeviceTensor.Zeros(device, 33, 7);

        Assert.Equal(reserved, device.BytesReserved);
        Assert.Equal(Bytes, device.BytesInUse);
    }

    [Fact]
    public void Dispose_ThenSameLength_NewTensorHoldsZeros()
    {
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        DeviceTensor first = Tensor.Full(3f, 7, 33).ToDevice(device);

        first.Dispose();
        using DeviceTensor second = DeviceTensor.Zeros(device, 7, 33);

        Assert.All(second.ToHost().Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Dispose_ThenOtherLength_ReservesMore()
    {
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        DeviceTensor first = DeviceTensor.Zeros(device, 7, 33);

        first.Dispose();
        using DeviceTensor second = DeviceTensor.Zeros(device, 7, 40);

        Assert.Equal(Bytes + 320 * sizeof(float), device.BytesReserved);
    }

    [Fact]
    public void Dispose_Twice_ReturnsStorageOnce()
    {
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        DeviceTensor tensor = DeviceTensor.Zeros(device, 7, 33);
        using DeviceTensor other = DeviceTensor.Zeros(device, 5);

        tensor.Dispose();
        tensor.Dispose();

        Assert.Equal(256 * sizeof(float), device.BytesInUse);
    }

    [Fact]
    public void Dispose_View_KeepsStorageInUse()
    {
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        using DeviceTensor owner = DeviceTensor.Zeros(device, 7, 33);
        DeviceTensor view = owner.Reshape(33, 7);

        view.Dispose();

        Assert.Equal(Bytes, device.BytesInUse);
    }

    [Fact]
    public void Zeros_EmptyShape_TakesSmallestClass()
    {
        // An empty tensor keeps unused elements, because ILGPU 1.5.3 rejects empty views.
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        DeviceTensor empty = DeviceTensor.Zeros(device, 0, 3);
        long inUse = device.BytesInUse;

        empty.Dispose();

        Assert.Equal(256 * sizeof(float), inUse);
        Assert.Equal(0, device.BytesInUse);
    }

    [Fact]
    public void Finalize_UnreachableTensors_ReturnStorage()
    {
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        AllocateUnreachable(device, count: 3);
        long inUseBefore = device.BytesInUse;

        CollectGarbage();

        Assert.Equal(3 * Bytes, inUseBefore);
        Assert.Equal(0, device.BytesInUse);
        Assert.Equal(3 * Bytes, device.BytesReserved);
    }

    [Fact]
    public void Finalize_ThenSameLength_ReusesStorage()
    {
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        AllocateUnreachable(device, count: 2);
        CollectGarbage();

        Tensor first = Tensor.Zeros(device, new Shape(7, 33));
        Tensor second = Tensor.Zeros(device, new Shape(33, 7));

        Assert.Equal(2 * Bytes, device.BytesReserved);
        Assert.Equal(2 * Bytes, device.BytesInUse);
        GC.KeepAlive(first);
        GC.KeepAlive(second);
    }

    [Fact]
    public void Finalize_OwnerUnreachableViewAlive_KeepsStorage()
    {
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        Tensor view = ReshapeOfUnreachableOwner(device);

        CollectGarbage();

        Assert.Equal(Bytes, device.BytesInUse);
        Assert.Equal(new Shape(Length), view.Shape);
        Assert.All(view.To(ComputeDevice.Cpu).Data, v => Assert.Equal(2f, v));
    }

    [Fact]
    public void Finalize_AfterDeviceDisposed_DoesNotThrow()
    {
        // An exception on the finalizer thread would end the test process.
        ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        AllocateUnreachable(device, count: 2);

        device.Dispose();
        CollectGarbage();

        Assert.Equal(0, device.BytesInUse);
        Assert.Equal(0, device.BytesReserved);
    }

    [Fact]
    public void Dispose_AfterDeviceDisposed_DoesNotThrow()
    {
        ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        DeviceTensor tensor = DeviceTensor.Zeros(device, 7, 33);
        device.Dispose();

        Exception? error = Record.Exception(tensor.Dispose);

        Assert.Null(error);
    }

    [Fact]
    public void Zeros_PastCollectThreshold_CollectsUnreachableTensors()
    {
        // Two live tensors of 160 MiB exceed the pool's 256 MiB threshold on the CPU
        // accelerator, so the second allocation first collects the unreachable first one,
        // without any GC.Collect by the test.
        const int Large = 40 << 20;
        using ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        AllocateUnreachable(device, count: 1, Large);

        using DeviceTensor second = DeviceTensor.Zeros(device, Large);

        Assert.Equal(Large * (long)sizeof(float), device.BytesReserved);
        Assert.Equal(Large * (long)sizeof(float), device.BytesInUse);
    }

    [Fact]
    public void Use_AfterDeviceDisposed_ThrowsNamingDevice()
    {
        ComputeDevice device = ComputeDevice.CreateCpuAccelerator();
        Tensor tensor = Tensor.Full(device, 2f, new Shape(7, 33));
        device.Dispose();

        var error = Assert.Throws<ObjectDisposedException>(() => tensor.To(ComputeDevice.Cpu));

        Assert.Contains(device.Name, error.Message);
        Assert.Contains("To(ComputeDevice.Cpu)", error.Message);
    }

    [Fact]
    public void BytesInUse_HostCpu_IsZero()
    {
        _ = Tensor.Zeros(ComputeDevice.Cpu, new Shape(7, 33));

        Assert.Equal(0, ComputeDevice.Cpu.BytesInUse);
        Assert.Equal(0, ComputeDevice.Cpu.BytesReserved);
    }

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    // Not inlined, so that no local of the caller keeps the tensors reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AllocateUnreachable(ComputeDevice device, int count, int length = Length)
    {
        for (int i = 0; i < count; i++)
        {
            _ = new Tensor(DeviceTensor.Zeros(device, length));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Tensor ReshapeOfUnreachableOwner(ComputeDevice device)
    {
        Tensor owner = Tensor.Full(device, 2f, new Shape(7, 33));
        return owner.Reshape(Length);
    }
}
