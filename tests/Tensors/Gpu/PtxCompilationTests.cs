using System.Reflection;
using ILGPU.Runtime.Cuda;

namespace NativeGan.Tensors.Tests.Gpu;

public sealed class PtxCompilationTests
{
    public static TheoryData<string> KernelNames()
    {
        var data = new TheoryData<string>();
        foreach (MethodInfo kernel in PtxCompiler.AllKernels())
        {
            data.Add(KernelName(kernel));
        }

        return data;
    }

    [Theory]
    [InlineData("GemmKernel")]
    [InlineData("ConvolutionLowering")]
    [InlineData("DeviceElementwise")]
    [InlineData("DeviceActivations")]
    [InlineData("DeviceReductions")]
    [InlineData("DeviceBatchNorm")]
    [InlineData("DeviceLosses")]
    [InlineData("DeviceAdam")]
    public void AllKernels_Family_IsFound(string owner)
    {
        string[] owners = PtxCompiler.AllKernels()
            .Select(kernel => kernel.DeclaringType!.Name).Distinct().ToArray();

        Assert.Contains(owner, owners);
    }

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void Compile_ForHopper_EmitsEntry(string name)
    {
        MethodInfo kernel = PtxCompiler.AllKernels().Single(k => KernelName(k) == name);

        string ptx = PtxCompiler.Compile(kernel, CudaArchitecture.SM_90);

        Assert.Contains($".entry Kernel_{kernel.Name}(", ptx);
    }

    private static string KernelName(MethodInfo kernel) =>
        $"{kernel.DeclaringType!.Name}.{kernel.Name}";
}
