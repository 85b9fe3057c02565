using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using ILGPU;
using ILGPU.Backends.PTX;
using ILGPU.Runtime.Cuda;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Search for a CUDA GPU through the NVIDIA driver library alone (no CUDA toolkit, no
/// cuDNN), reporting every step so that a missing GPU is explained, never silently skipped.
/// </summary>
/// <remarks>
/// ILGPU 1.5.3 imports the driver as "cuda", which .NET looks up on Linux as libcuda.so.
/// Driver packages often install only libcuda.so.1 (libcuda.so comes with development
/// packages), and then ILGPU finds no GPU and raises no error. <see cref="Run"/> therefore
/// resolves "cuda" to libcuda.so.1 when the default lookup fails, before ILGPU's first CUDA
/// call. ILGPU also skips, without an error, every GPU whose architecture it does not know
/// or whose driver is too old for every PTX version it emits. The report names such GPUs
/// and the reason.
/// </remarks>
internal static class CudaDriverProbe
{
    private const string VersionedLinuxLibrary = "libcuda.so.1";

    private static readonly object ResolverLock = new();
    private static bool _resolverInstalled;

    /// <summary>Searches for CUDA GPUs and reports what was found.</summary>
    public static CudaProbeReport Run()
    {
        InstallLibraryResolver();
        (List<string> libraries, IntPtr driver) = LoadDriverLibrary();
        try
        {
            var devices = new List<string>();
            int? usable = null;
            try
            {
                // The predicate accepts every GPU so that unusable ones are reported too.
                using var context = Context.Create(builder => builder.Cuda(_ => true));
                foreach (CudaDevice device in context.GetDevices<CudaDevice>())
                {
                    string? problem = UsabilityProblem(device);
                    devices.Add(Describe(device, problem));
                    if (problem is null && usable is null)
                    {
                        usable = device.DeviceId;
                    }
                }
            }
            catch (Exception e) when (e is CudaException or DllNotFoundException
                or EntryPointNotFoundException or NotSupportedException)
            {
                devices.Add($"listing failed with {e.GetType().Name}: {e.Message}");
            }

            return new CudaProbeReport(libraries, DriverStatus(driver), devices, usable);
        }
        finally
        {
            if (driver != IntPtr.Zero)
            {
                NativeLibrary.Free(driver);
            }
        }
    }

    /// <summary>
    /// Returns why ILGPU 1.5.3 cannot run kernels on <paramref name="device"/>, or null when
    /// it can. The conditions are those of ILGPU's own default CUDA device filter.
    /// </summary>
    internal static string? UsabilityProblem(CudaDevice device)
    {
        if (device.Architecture is null)
        {
            return "ILGPU 1.5.3 does not know this architecture";
        }

        CudaArchitecture architecture = device.Architecture.Value;
        if (device.InstructionSet is null ||
            !PTXCodeGenerator.SupportedInstructionSets.Contains(device.InstructionSet.Value))
        {
            CudaDriverVersion needed = MinimumDriver(architecture);
            return $"driver {FormatVersion(device.DriverVersion)} is too old for " +
                $"{FormatArchitecture(architecture)}, which needs driver " +
                $"{FormatVersion(needed)} or newer, so update the NVIDIA driver";
        }

        return null;
    }

    // ILGPU needs a driver that supports both the architecture and one of the PTX
    // instruction sets it emits, so the oldest such driver is the minimum over the sets.
    private static CudaDriverVersion MinimumDriver(CudaArchitecture architecture)
    {
        CudaDriverVersion forArchitecture =
            CudaDriverVersionUtils.GetMinimumDriverVersion(architecture);
        CudaDriverVersion? oldest = null;
        foreach (CudaInstructionSet set in PTXCodeGenerator.SupportedInstructionSets)
        {
            CudaDriverVersion forSet = CudaDriverVersionUtils.GetMinimumDriverVersion(set);
            CudaDriverVersion needed = forSet > forArchitecture ? forSet : forArchitecture;
            if (oldest is null || needed < oldest.Value)
            {
                oldest = needed;
            }
        }

        return oldest ?? forArchitecture;
    }

    /// <summary>Formats an architecture as "sm_90".</summary>
    internal static string FormatArchitecture(CudaArchitecture architecture) =>
        $"sm_{architecture.Major}{architecture.Minor}";

    private static string FormatVersion(CudaDriverVersion version) =>
        $"{version.Major}.{version.Minor}";

    private static string Describe(CudaDevice device, string? problem)
    {
        string architecture = device.Architecture is { } known
            ? FormatArchitecture(known)
            : $"compute capability {ComputeCapability(device.DeviceId)}";
        string status = problem is null ? "usable" : $"not usable: {problem}";
        return $"GPU {device.DeviceId} '{device.Name}' ({architecture}): {status}";
    }

    private static string ComputeCapability(int deviceId)
    {
        CudaError error = CudaAPI.CurrentAPI.GetDeviceComputeCapability(
            out int major, out int minor, deviceId);
        return error == CudaError.CUDA_SUCCESS ? $"{major}.{minor}" : $"unknown ({error})";
    }

    // ILGPU treats the driver as absent when cuInit fails, for example with no GPU or a
    // driver that does not match its kernel module, so the error code comes from calling
    // the loaded library directly.
    private static unsafe string DriverStatus(IntPtr driver)
    {
        try
        {
            CudaError error = CudaAPI.CurrentAPI.GetDriverVersion(out CudaDriverVersion loaded);
            return error == CudaError.CUDA_SUCCESS
                ? FormatVersion(loaded)
                : $"version query failed with {error}";
        }
        catch (NotSupportedException)
        {
            // Falls through to the direct calls below.
        }

        if (driver == IntPtr.Zero ||
            !NativeLibrary.TryGetExport(driver, "cuInit", out IntPtr init) ||
            !NativeLibrary.TryGetExport(driver, "cuDriverGetVersion", out IntPtr getVersion))
        {
            return "not loaded";
        }

        int value = 0;
        var versionError = (CudaError)((delegate* unmanaged<int*, int>)getVersion)(&value);
        var initError = (CudaError)((delegate* unmanaged<uint, int>)init)(0);
        string version = versionError == CudaError.CUDA_SUCCESS
            ? FormatVersion(CudaDriverVersion.FromValue(value))
            : $"unknown ({versionError})";
        return initError == CudaError.CUDA_SUCCESS
            ? $"{version}, which initializes when called directly, but ILGPU could not load " +
                "it under the name 'cuda'"
            : $"{version}, but cuInit failed with {initError} ({(int)initError})";
    }

    // Loads each name that .NET or the resolver would try for ILGPU's "cuda" import and
    // reports which exist, so that the error distinguishes a missing driver from a missing
    // symlink. Returns the handle of the first that loaded, or zero, for the caller to free.
    private static (List<string> Status, IntPtr Driver) LoadDriverLibrary()
    {
        var status = new List<string>();
        IntPtr driver = IntPtr.Zero;
        string[] names = OperatingSystem.IsWindows() ? ["nvcuda.dll"]
            : OperatingSystem.IsLinux() ? ["libcuda.so", VersionedLinuxLibrary]
            : [];
        foreach (string name in names)
        {
            if (!NativeLibrary.TryLoad(name, out IntPtr handle))
            {
                status.Add($"{name}: not found");
                continue;
            }

            status.Add($"{name}: loaded");
            if (driver == IntPtr.Zero)
            {
                driver = handle;
            }
            else
            {
                NativeLibrary.Free(handle);
            }
        }

        if (names.Length == 0)
        {
            status.Add($"CUDA is not available on {RuntimeInformation.OSDescription}");
        }

        return (status, driver);
    }

    // A handler of ResolvingUnmanagedDll runs only after the default lookup and any
    // DllImportResolver fail, so it coexists with the resolver that ILGPU installs on WSL.
    private static void InstallLibraryResolver()
    {
        lock (ResolverLock)
        {
            if (_resolverInstalled || !OperatingSystem.IsLinux())
            {
                return;
            }

            Assembly ilgpu = typeof(CudaAPI).Assembly;
            AssemblyLoadContext context = AssemblyLoadContext.GetLoadContext(ilgpu)
                ?? AssemblyLoadContext.Default;
            context.ResolvingUnmanagedDll += (assembly, name) =>
                assembly == ilgpu && name == CudaAPI.LibNameLinux &&
                NativeLibrary.TryLoad(VersionedLinuxLibrary, out IntPtr handle)
                    ? handle
                    : IntPtr.Zero;
            _resolverInstalled = true;
        }
    }
}
