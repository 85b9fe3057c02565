using NativeGan.Tensors.Gpu;

namespace NativeGan.Tensors.Tests.Gpu;

public sealed class ComputeDeviceSelectionTests
{
    // What the probe reports on a machine without the NVIDIA driver, such as this
    // project's CI machines.
    private static readonly CudaProbeReport NoDriver = new(
        ["libcuda.so: not found", "libcuda.so.1: not found"], "not loaded", [], null);

    [Theory]
    [InlineData("cpu", DeviceChoice.Cpu)]
    [InlineData(" GPU ", DeviceChoice.Gpu)]
    [InlineData("Auto", DeviceChoice.Auto)]
    public void Parse_KnownText_ReturnsChoice(string text, DeviceChoice expected)
    {
        Assert.Equal(expected, DeviceChoices.Parse(text));
    }

    [Fact]
    public void Parse_UnknownText_ThrowsListingChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceChoices.Parse("cuda"));

        Assert.Contains("cpu, gpu or auto", error.Message);
    }

    [Fact]
    public void Select_Cpu_DoesNotProbe()
    {
        using ComputeDevice device = DeviceSelection.Select(
            DeviceChoice.Cpu, () => throw new InvalidOperationException("probed"));

        Assert.Equal(ComputeDeviceKind.Cpu, device.Kind);
    }

    [Fact]
    public void Select_GpuWithoutDriver_ThrowsGpuNotFound()
    {
        var error = Assert.Throws<GpuNotFoundException>(
            () => DeviceSelection.Select(DeviceChoice.Gpu, () => NoDriver));

        Assert.Contains("libcuda.so: not found", error.Message);
        Assert.Contains("libcuda.so.1: not found", error.Message);
        Assert.Contains("Install or update the NVIDIA driver", error.Message);
    }

    [Fact]
    public void Select_GpuWithOldDriver_NamesGpu()
    {
        var report = new CudaProbeReport(
            ["libcuda.so: not found", "libcuda.so.1: loaded"], "11.0",
            ["GPU 0 'NVIDIA H200' (sm_90): not usable: driver 11.0 is too old for sm_90"],
            null);

        var error = Assert.Throws<GpuNotFoundException>(
            () => DeviceSelection.Select(DeviceChoice.Gpu, () => report));

        Assert.Contains("'NVIDIA H200' (sm_90): not usable: driver 11.0 is too old", error.Message);
    }

    [Fact]
    public void Select_AutoWithoutGpu_ChoosesCpuAndExplains()
    {
        using ComputeDevice device = DeviceSelection.Select(DeviceChoice.Auto, () => NoDriver);

        Assert.Equal(ComputeDeviceKind.Cpu, device.Kind);
        Assert.Contains("found no usable CUDA GPU", device.SelectionReason);
        Assert.Contains("libcuda.so.1: not found", device.SelectionReason);
    }

    [Fact]
    public void Select_GpuOnThisMachine_NeverFallsBack()
    {
        // The real probe: a machine with a usable GPU must get it, and one without must get
        // the error, never the CPU.
        CudaProbeReport report = CudaDriverProbe.Run();
        if (report.HasUsableGpu)
        {
            using ComputeDevice device = ComputeDevice.Select(DeviceChoice.Gpu);
            Assert.Equal(ComputeDeviceKind.Cuda, device.Kind);
        }
        else
        {
            var error = Assert.Throws<GpuNotFoundException>(
                () => ComputeDevice.Select(DeviceChoice.Gpu));
            Assert.Contains(report.Describe(), error.Message);
        }
    }

    [Fact]
    public void CreateCpuAccelerator_Twice_GivesDistinctNames()
    {
        using ComputeDevice first = ComputeDevice.CreateCpuAccelerator();
        using ComputeDevice second = ComputeDevice.CreateCpuAccelerator();

        Assert.NotEqual(first.Name, second.Name);
    }
}
