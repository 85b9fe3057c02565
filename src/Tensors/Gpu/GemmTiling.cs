namespace NativeGan.Tensors.Gpu;

/// <summary>Block size of the SGEMM kernel that <see cref="DeviceGemm"/> launches.</summary>
internal enum GemmTiling
{
    /// <summary>128 x 128 blocks for large products, 64 x 64 otherwise.</summary>
    Auto,

    /// <summary>Always <see cref="GemmKernel"/>'s 64 x 64 blocks.</summary>
    Narrow,

    /// <summary>Always <see cref="WideGemmKernel"/>'s 128 x 128 blocks.</summary>
    Wide,
}
