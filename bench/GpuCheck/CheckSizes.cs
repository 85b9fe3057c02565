using NativeGan.Gan.Models;
using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Normalization;

namespace NativeGan.GpuCheck;

/// <summary>Sizes of a GEMM check: op(A) is (M, K), op(B) is (K, N).</summary>
internal sealed record GemmSize(int M, int N, int K)
{
    /// <summary>Formats the size as MxNxK.</summary>
    public override string ToString() => $"{M}x{N}x{K}";
}

/// <summary>A named convolution geometry to check.</summary>
internal sealed record ConvCase(string Name, Conv2dGeometry Geometry);

/// <summary>
/// Problem sizes of every check and timing. A GPU gets sizes near those of DCGAN training
/// and larger. ILGPU's CPU accelerator, which runs each GPU thread on the host, gets small
/// odd sizes, so that a dry run takes under 20 s on two cores.
/// </summary>
/// <param name="Gemm">GEMM sizes, each checked with all four transpose combinations.</param>
/// <param name="Conv2d">Conv2d geometries.</param>
/// <param name="ConvTranspose2d">ConvTranspose2d geometries, from ForConvTranspose2d.</param>
/// <param name="ElementwiseShape">Shape of a in result = a op b.</param>
/// <param name="ActivationLength">Elements of each activation input.</param>
/// <param name="ReductionLength">Elements of each Sum and Mean input.</param>
/// <param name="ChannelSumLayout">Layout (N, C, S) of the channel sums.</param>
/// <param name="BatchNormLayouts">Layouts (N, C, S) of the batch norm checks.</param>
/// <param name="LossLength">Logits per BCE check.</param>
/// <param name="AdamLength">Parameters per Adam check.</param>
/// <param name="TimedGemmSides">Sides n of the timed n x n x n SGEMMs.</param>
/// <param name="StepArchitecture">
/// Widths of the DCGAN whose training step is checked and timed; null for the reference.
/// </param>
/// <param name="StepCheckBatch">Batch of the step compared with the CPU.</param>
/// <param name="TimedStepBatch">Batch of the timed step.</param>
/// <param name="TimedStepsPerRound">Timed steps in each of the timing's rounds.</param>
internal sealed record CheckSizes(
    IReadOnlyList<GemmSize> Gemm,
    IReadOnlyList<ConvCase> Conv2d,
    IReadOnlyList<ConvCase> ConvTranspose2d,
    int[] ElementwiseShape,
    int ActivationLength,
    int ReductionLength,
    BatchNormLayout ChannelSumLayout,
    IReadOnlyList<BatchNormLayout> BatchNormLayouts,
    int LossLength,
    int AdamLength,
    IReadOnlyList<int> TimedGemmSides,
    ArchitectureOptions? StepArchitecture,
    int StepCheckBatch,
    int TimedStepBatch,
    int TimedStepsPerRound)
{
    /// <summary>Name of the stepped model, for the results.</summary>
    public string StepModelName => StepArchitecture is null
        ? "reference DCGAN"
        : $"DCGAN with G widths {string.Join(",", StepArchitecture.GeneratorWidths!)} and D " +
            $"widths {string.Join(",", StepArchitecture.DiscriminatorWidths!)}";

    /// <summary>Returns the sizes for a device of kind <paramref name="kind"/>.</summary>
    public static CheckSizes For(ComputeDeviceKind kind) =>
        kind == ComputeDeviceKind.Cuda ? Gpu() : CpuAccelerator();

    // DCGAN-MNIST layers at batch 128 and odd sizes that leave partial tiles on every axis.
    private static CheckSizes Gpu() => new(
        Gemm: [new(1023, 517, 771), new(65, 7, 17), new(128, 6272, 1024)],
        Conv2d:
        [
            Conv("D2 of DCGAN, batch 128", [128, 64, 14, 14], [128, 64, 4, 4], 2, 1, 1),
            Conv("D3 of DCGAN, batch 128", [128, 128, 7, 7], [1, 128, 7, 7], 1, 0, 1),
            Conv("odd k3 s2 p1 d2", [9, 13, 19, 17], [31, 13, 3, 3], 2, 1, 2),
        ],
        ConvTranspose2d:
        [
            Transposed("G1 of DCGAN, batch 128", [128, 100, 1, 1], [100, 256, 7, 7], 1, 0, 0),
            Transposed("G2 of DCGAN, batch 128", [128, 256, 7, 7], [256, 128, 4, 4], 2, 1, 0),
            Transposed("odd k3 s2 p1 op1", [9, 13, 11, 9], [13, 7, 3, 3], 2, 1, 1),
        ],
        ElementwiseShape: [33, 31, 15, 17],
        ActivationLength: 1_000_003,
        ReductionLength: 100_003,
        ChannelSumLayout: new(128, 127, 49),
        BatchNormLayouts: [new(128, 255, 49), new(129, 7, 1)],
        LossLength: 100_003,
        AdamLength: 1_000_003,
        TimedGemmSides: [1024, 2048, 4096],
        StepArchitecture: null,
        StepCheckBatch: 32,
        TimedStepBatch: 128,
        TimedStepsPerRound: 20);

    private static CheckSizes CpuAccelerator() => new(
        Gemm: [new(65, 33, 17), new(7, 33, 5)],
        Conv2d:
        [
            Conv("D2-like k4 s2 p1", [2, 6, 14, 14], [7, 6, 4, 4], 2, 1, 1),
            Conv("odd k3 s2 p1 d2", [3, 5, 7, 9], [4, 5, 3, 3], 2, 1, 2),
        ],
        ConvTranspose2d:
        [
            Transposed("G1-like k7", [2, 9, 1, 1], [9, 7, 7, 7], 1, 0, 0),
            Transposed("G3-like k4 s2 p1", [2, 6, 14, 14], [6, 1, 4, 4], 2, 1, 0),
        ],
        ElementwiseShape: [2, 3, 5, 7],
        ActivationLength: 4099,
        ReductionLength: 2113,
        ChannelSumLayout: new(64, 2, 17),
        BatchNormLayouts: [new(3, 5, 63), new(7, 13, 1)],
        LossLength: 257,
        AdamLength: 4099,
        TimedGemmSides: [128],
        StepArchitecture: new ArchitectureOptions
        {
            GeneratorWidths = [6, 5],
            DiscriminatorWidths = [3, 5],
        },
        StepCheckBatch: 4,
        TimedStepBatch: 4,
        TimedStepsPerRound: 1);

    private static ConvCase Conv(
        string name, int[] input, int[] weight, int stride, int padding, int dilation) =>
        new(name, Conv2dGeometry.ForConv2d(
            new Shape(input), new Shape(weight), stride, padding, dilation));

    private static ConvCase Transposed(
        string name, int[] input, int[] weight, int stride, int padding, int outputPadding) =>
        new(name, Conv2dGeometry.ForConvTranspose2d(
            new Shape(input), new Shape(weight), stride, padding, outputPadding, 1));
}
