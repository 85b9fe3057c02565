using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Device that runs tensor kernels: the host CPU, a CUDA GPU, or ILGPU's CPU accelerator,
/// which runs the GPU kernels on host threads for tests. A GPU device owns an ILGPU context
/// and accelerator, its compiled kernels and scratch buffers. Dispose it after the
/// <see cref="DeviceTensor"/>s that live on it.
/// </summary>
/// <remarks>
/// ILGPU 1.5.3 fails at context creation in trimmed applications, so an application that
/// uses GPU devices must not be published with PublishTrimmed.
/// </remarks>
public sealed class ComputeDevice : IDisposable
{
    /// <summary>Threads per warp of the CPU accelerator, as on NVIDIA GPUs.</summary>
    public const int CpuAcceleratorWarpSize = 32;

    /// <summary>
    /// Warps per group of the CPU accelerator: 8 warps of 32 give the 256 threads per group
    /// that the grouped kernels use. ILGPU's default CPU device allows only 16.
    /// </summary>
    public const int CpuAcceleratorWarpsPerGroup = 8;

    private static int _lastCpuAcceleratorNumber;

    private readonly Context? _context;
    private readonly Accelerator? _accelerator;
    private readonly ConcurrentDictionary<int, Delegate> _kernels = new();
    private readonly DeviceScratch? _scratch;
    private readonly DeviceMemoryPool? _memory;
    private bool _disposed;

    private ComputeDevice(
        ComputeDeviceKind kind, string name, string selectionReason, Context? context,
        Accelerator? accelerator)
    {
        Kind = kind;
        Name = name;
        SelectionReason = selectionReason;
        _context = context;
        _accelerator = accelerator;
        // Tensors may take an eighth of a GPU's memory, counting those not yet finalized,
        // before the pool collects garbage. The CPU accelerator reports long.MaxValue bytes,
        // so it gets the pool's floor of 256 MiB.
        _memory = accelerator is null
            ? null
            : new DeviceMemoryPool(
                accelerator, accelerator is CPUAccelerator ? 0 : accelerator.MemorySize / 8);
        _scratch = accelerator is null ? null : new DeviceScratch(accelerator, _memory!);
    }

    /// <summary>
    /// The host CPU, where every <see cref="Tensor"/> lives unless it is moved with
    /// <see cref="Tensor.To"/>. Disposing it has no effect on tensors.
    /// </summary>
    public static ComputeDevice Cpu { get; } = CreateCpu("The host CPU holds host tensors.");

    /// <summary>Where kernels run.</summary>
    public ComputeDeviceKind Kind { get; }

    /// <summary>
    /// Name that distinguishes devices in messages, such as "cuda:0 'NVIDIA H200' (sm_90)"
    /// or "ILGPU CPU accelerator #2".
    /// </summary>
    public string Name { get; }

    /// <summary>
    /// Explanation of why this device was chosen, including what was searched for.
    /// </summary>
    public string SelectionReason { get; }

    /// <summary>
    /// Streaming multiprocessors of a GPU (1 for the CPU accelerator, which reports one), or
    /// 0 for the host CPU.
    /// </summary>
    public int MultiprocessorCount => _accelerator?.NumMultiprocessors ?? 0;

    /// <summary>Whether <see cref="Dispose"/> has freed the device's memory and kernels.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>Whether the device has its own memory for <see cref="DeviceTensor"/>s.</summary>
    public bool HasDeviceMemory => _accelerator is not null;

    /// <summary>
    /// ILGPU accelerator of a GPU or CPU-accelerator device, bound to the calling thread:
    /// ILGPU 1.5.3 keeps the current CUDA context per thread, so every use binds it first.
    /// </summary>
    /// <exception cref="InvalidOperationException">The device is the host CPU.</exception>
    /// <exception cref="ObjectDisposedException">The device was disposed.</exception>
    internal Accelerator Accelerator
    {
        get
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(
                    nameof(ComputeDevice),
                    $"Device {Name} was used after it was disposed. Keep the device open " +
                    "while its tensors and modules are in use.");
            }

            if (_accelerator is null)
            {
                throw new InvalidOperationException(
                    $"Device {Name} is the host CPU, which has no device memory or GPU " +
                    "kernels. Use Tensor and the CPU kernels, or select a GPU device.");
            }

            _accelerator.Bind();
            return _accelerator;
        }
    }

    /// <summary>Stream on which every kernel and copy of this device runs, in order.</summary>
    internal AcceleratorStream Stream => Accelerator.DefaultStream;

    /// <summary>Caching allocator of this device's tensor storage.</summary>
    internal DeviceMemoryPool Memory
    {
        get
        {
            _ = Accelerator;
            return _memory!;
        }
    }

    /// <summary>
    /// Bytes of device memory taken by tensors that were not yet disposed or finalized, which
    /// includes unreachable tensors until the garbage collector finalizes them; 0 on the host
    /// CPU.
    /// </summary>
    public long BytesInUse => _memory?.BytesInUse ?? 0;

    /// <summary>
    /// Bytes of device memory reserved by the caching pool, in use or free; 0 on the host
    /// CPU.
    /// </summary>
    public long BytesReserved => _memory?.BytesReserved ?? 0;

    /// <summary>Reusable buffers for intermediate results of launchers.</summary>
    internal DeviceScratch Scratch
    {
        get
        {
            _ = Accelerator;
            return _scratch!;
        }
    }

    /// <summary>
    /// Selects a device: "cpu" takes the CPU, "gpu" the first usable CUDA GPU or fails, and
    /// "auto" a CUDA GPU when one is usable and the CPU otherwise.
    /// <see cref="SelectionReason"/> states what was chosen and why.
    /// </summary>
    /// <exception cref="GpuNotFoundException">
    /// <paramref name="choice"/> is <see cref="DeviceChoice.Gpu"/> and no usable CUDA GPU
    /// was found. The message lists the driver libraries tried and the GPUs listed.
    /// </exception>
    public static ComputeDevice Select(DeviceChoice choice) =>
        DeviceSelection.Select(choice, CudaDriverProbe.Run);

    /// <summary>
    /// Creates the host CPU device, with <paramref name="reason"/> as its explanation.
    /// </summary>
    public static ComputeDevice CreateCpu(string reason = "The CPU was requested.") =>
        new(ComputeDeviceKind.Cpu, "cpu", reason, null, null);

    /// <summary>
    /// Creates a device on ILGPU's CPU accelerator, which runs the GPU kernels on host
    /// threads (warps of 32 threads, groups of up to 256), to test them without a GPU.
    /// </summary>
    public static ComputeDevice CreateCpuAccelerator()
    {
        var cpu = new CPUDevice(CpuAcceleratorWarpSize, CpuAcceleratorWarpsPerGroup, 1);
        Context context = Context.Create(builder => builder.CPU(cpu).EnableAlgorithms());
        try
        {
            Accelerator accelerator = context.GetDevice<CPUDevice>(0).CreateAccelerator(context);
            int number = Interlocked.Increment(ref _lastCpuAcceleratorNumber);
            return new ComputeDevice(
                ComputeDeviceKind.CpuAccelerator, $"ILGPU CPU accelerator #{number}",
                "ILGPU's CPU accelerator was requested, to run GPU kernels without a GPU.",
                context, accelerator);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Creates a device on CUDA GPU <paramref name="deviceId"/>.</summary>
    /// <remarks>
    /// NOTE: This path has not run on a GPU yet. The tests run every kernel on the CPU
    /// accelerator and compile every kernel to PTX for sm_90, but no test launches one on
    /// CUDA.
    /// </remarks>
    internal static ComputeDevice CreateCuda(int deviceId, string reason)
    {
        Context context = Context.Create(builder => builder
            .Cuda(device => device.DeviceId == deviceId)
            .EnableAlgorithms());
        try
        {
            CudaDevice device = context.GetCudaDevice(0);
            Accelerator accelerator = device.CreateAccelerator(context);
            string name = $"cuda:{deviceId} '{device.Name}' " +
                $"({CudaDriverProbe.FormatArchitecture(device.Architecture!.Value)})";
            return new ComputeDevice(ComputeDeviceKind.Cuda, name, reason, context, accelerator);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Waits until every kernel and copy queued on this device has finished.</summary>
    public void Synchronize()
    {
        if (_accelerator is not null)
        {
            Accelerator.Synchronize();
        }
    }

    /// <summary>Frees the compiled kernels, scratch buffers, accelerator and context.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Freeing CUDA memory needs the device's context current on this thread, which may
        // not be the thread that last used the device.
        _accelerator?.Bind();
        _scratch?.Dispose();
        _memory?.Dispose();
        _kernels.Clear();
        _accelerator?.Dispose();
        _context?.Dispose();
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    public override string ToString() => Name;

    /// <summary>
    /// Puts tensor storage back into the pool. It may run on the finalizer thread, so it
    /// makes no accelerator call, and it does nothing once the device is disposed.
    /// </summary>
    internal void ReturnStorage(MemoryBuffer1D<float, Stride1D.Dense> buffer) =>
        _memory?.Return(buffer);

    /// <summary>
    /// Returns the launcher of <paramref name="kernel"/>, compiling it on first use.
    /// </summary>
    internal TLauncher GetKernel<TLauncher>(DeviceKernel<TLauncher> kernel)
        where TLauncher : Delegate
    {
        Accelerator accelerator = Accelerator;
        return (TLauncher)_kernels.GetOrAdd(
            kernel.Id, static (_, state) => state.Kernel.Load(state.Accelerator),
            (Kernel: kernel, Accelerator: accelerator));
    }
}
