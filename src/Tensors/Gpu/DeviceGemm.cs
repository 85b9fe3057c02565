using ILGPU;
using ILGPU.Runtime;
using GemmLauncher = System.Action<
    ILGPU.Runtime.AcceleratorStream, ILGPU.KernelConfig, ILGPU.ArrayView<float>,
    ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, NativeGan.Tensors.Gpu.DeviceGemmArguments>;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Single-precision matrix products on a device: C = alpha op(A) op(B) + beta C with
/// row-major matrices and transposed operands read in place, by <see cref="GemmKernel"/>.
/// </summary>
public static class DeviceGemm
{
    private static readonly DeviceKernel<GemmLauncher> Tiled =
        new(typeof(GemmKernel), nameof(GemmKernel.TiledGemm));

    private static readonly DeviceKernel<GemmLauncher> WideTiled =
        new(typeof(WideGemmKernel), nameof(WideGemmKernel.WideTiledGemm));

    /// <summary>
    /// Computes C = alpha op(A) op(B) + beta C. a: (m, k), or (k, m) when
    /// <paramref name="transA"/>; b: (k, n), or (n, k) when <paramref name="transB"/>;
    /// c: (m, n). With beta = 0, C is overwritten without being read.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An operand is not a matrix, the inner sizes differ, C has the wrong shape, or the
    /// operands live on different devices.
    /// </exception>
    public static void Multiply(
        bool transA, bool transB, float alpha, DeviceTensor a, DeviceTensor b, float beta,
        DeviceTensor c) =>
        Multiply(transA, transB, alpha, a, b, beta, c, GemmTiling.Auto);

    /// <summary>
    /// Computes the product as the public overload does, with the kernel that
    /// <paramref name="tiling"/> names, so that tests and the GPU check cover both.
    /// </summary>
    internal static void Multiply(
        bool transA, bool transB, float alpha, DeviceTensor a, DeviceTensor b, float beta,
        DeviceTensor c, GemmTiling tiling)
    {
        const string Op = "Gemm";
        DeviceCheck.SameDevice(Op, (a, nameof(a)), (b, nameof(b)), (c, nameof(c)));
        RequireMatrix(Op, a, nameof(a));
        RequireMatrix(Op, b, nameof(b));
        RequireMatrix(Op, c, nameof(c));
        int m = transA ? a.Shape[1] : a.Shape[0];
        int k = transA ? a.Shape[0] : a.Shape[1];
        int kB = transB ? b.Shape[1] : b.Shape[0];
        int n = transB ? b.Shape[0] : b.Shape[1];
        if (k != kB)
        {
            throw new ArgumentException(
                $"{Op}: op(A) is ({m}, {k}) from a {a.Shape} with transA = {transA}, but " +
                $"op(B) is ({kB}, {n}) from b {b.Shape} with transB = {transB}, but the inner " +
                "sizes must be equal.", nameof(b));
        }

        DeviceCheck.HasShape(Op, c, nameof(c), new Shape(m, n));
        var arguments = new DeviceGemmArguments(
            m, n, k, a.Shape[1], b.Shape[1], n, transA, transB, alpha, beta);
        Launch(a.Device, arguments, a.View, b.View, c.View, tiling);
    }

    /// <summary>
    /// Queues the product on views with explicit strides. The caller has checked that they
    /// fit the sizes.
    /// </summary>
    internal static void Launch(
        ComputeDevice device, DeviceGemmArguments arguments, ArrayView<float> a,
        ArrayView<float> b, ArrayView<float> c, GemmTiling tiling = GemmTiling.Auto)
    {
        if (arguments.M == 0 || arguments.N == 0)
        {
            return;
        }

        // With alpha = 0 the product is not formed, so NaN or infinity in A or B is ignored.
        if (arguments.Alpha == 0f)
        {
            arguments = arguments.WithoutProduct();
        }

        // The 128 x 128 blocks take over once there are enough of them to give every
        // multiprocessor one, and at least 4. The floor keeps small products on the 64 x 64
        // kernel on the CPU accelerator too, which reports one multiprocessor, so that the
        // tests run both kernels inside whole training steps. NOTE: this rule is not measured
        // yet; the GPU check times both kernels at each SGEMM size.
        long wideBlocks = (long)DivideRoundingUp(arguments.N, WideGemmKernel.Tile) *
            DivideRoundingUp(arguments.M, WideGemmKernel.Tile);
        bool wide = tiling == GemmTiling.Wide ||
            (tiling == GemmTiling.Auto && wideBlocks >= Math.Max(device.MultiprocessorCount, 4));
        if (wide)
        {
            var wideGrid = new Index2D(
                DivideRoundingUp(arguments.N, WideGemmKernel.Tile),
                DivideRoundingUp(arguments.M, WideGemmKernel.Tile));
            var wideGroup = new Index2D(WideGemmKernel.GroupSide, WideGemmKernel.GroupSide);
            WideTiled.On(device)(
                device.Stream, new KernelConfig(wideGrid, wideGroup), a, b, c, arguments);
            return;
        }

        var grid = new Index2D(
            DivideRoundingUp(arguments.N, GemmKernel.TileN),
            DivideRoundingUp(arguments.M, GemmKernel.TileM));
        var group = new Index2D(GemmKernel.GroupSide, GemmKernel.GroupSide);
        Tiled.On(device)(device.Stream, new KernelConfig(grid, group), a, b, c, arguments);
    }

    private static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;

    private static void RequireMatrix(string op, DeviceTensor tensor, string name)
    {
        if (tensor.Shape.Rank != 2)
        {
            throw new ArgumentException(
                $"{op}: {name} has shape {tensor.Shape} of rank {tensor.Shape.Rank}, but a " +
                "matrix of rank 2 is expected.", name);
        }
    }
}
