using NativeGan.Tensors.Convolution;

namespace NativeGan.Tensors.Tests.Convolution;

/// <summary>
/// Runs each kernel with <see cref="ComputeThreads.Max"/> at 1, 2 and 3 on layers large
/// enough to split among threads, and compares the results bit for bit.
/// </summary>
/// <remarks>
/// The class changes the process-wide limit, so it runs in a collection that xunit runs
/// alone, after the parallel tests.
/// </remarks>
[Collection(nameof(ComputeThreadsCollection))]
public sealed class ConvThreadingTests
{
    public static TheoryData<string> Layers() =>
        new("Conv(16,32,k4,s2,p1) 14", "Conv(64,1,k7) 7", "ConvT(32,16,k4,s2,p1) 7",
            "ConvT(48,32,k7) 1");

    [Theory]
    [MemberData(nameof(Layers))]
    public void Kernels_OneTwoThreeThreads_BitwiseEqual(string layer)
    {
        float[][] oneThread = RunAll(layer, 1);
        float[][] twoThreads = RunAll(layer, 2);
        float[][] threeThreads = RunAll(layer, 3);

        for (int i = 0; i < oneThread.Length; i++)
        {
            Assert.Equal(oneThread[i], twoThreads[i]);
            Assert.Equal(oneThread[i], threeThreads[i]);
        }
    }

    // Returns forward output, input gradient, weight gradient and bias gradient.
    private static float[][] RunAll(string layer, int threads)
    {
        int saved = ComputeThreads.Max;
        ComputeThreads.Max = threads;
        try
        {
            return layer.StartsWith("ConvT", StringComparison.Ordinal)
                ? RunTransposed(layer)
                : RunConv(layer);
        }
        finally
        {
            ComputeThreads.Max = saved;
        }
    }

    private static float[][] RunConv(string layer)
    {
        Conv2dGeometry g = layer == "Conv(64,1,k7) 7"
            ? Conv2dGeometry.ForConv2d(new Shape(64, 64, 7, 7), new Shape(1, 64, 7, 7), 1, 0, 1)
            : Conv2dGeometry.ForConv2d(new Shape(8, 16, 14, 14), new Shape(32, 16, 4, 4), 2, 1, 1);
        var rng = new Rng(41);
        Tensor x = RandomTensors.Uniform(rng, g.InputShape.ToArray());
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        Tensor b = RandomTensors.Uniform(rng, [g.OutChannels]);
        Tensor dY = RandomTensors.Uniform(rng, g.OutputShape.ToArray());
        var y = new float[g.OutputShape.ElementCount];
        var dX = new float[x.Length];
        var dW = new float[w.Length];
        var dB = new float[b.Length];

        Conv2dKernels.Forward(g, x.Data, w.Data, b.Data, y);
        Conv2dKernels.BackwardInput(g, dY.Data, w.Data, dX);
        Conv2dKernels.BackwardWeight(g, x.Data, dY.Data, dW);
        Conv2dKernels.BackwardBias(g, dY.Data, dB);
        return [y, dX, dW, dB];
    }

    private static float[][] RunTransposed(string layer)
    {
        Conv2dGeometry g = layer == "ConvT(48,32,k7) 1"
            ? Conv2dGeometry.ForConvTranspose2d(
                new Shape(16, 48, 1, 1), new Shape(48, 32, 7, 7), 1, 0, 0, 1)
            : Conv2dGeometry.ForConvTranspose2d(
                new Shape(8, 32, 7, 7), new Shape(32, 16, 4, 4), 2, 1, 0, 1);
        var rng = new Rng(42);
        Tensor x = RandomTensors.Uniform(rng, g.OutputShape.ToArray());
        Tensor w = RandomTensors.Uniform(rng, g.WeightShape.ToArray());
        Tensor b = RandomTensors.Uniform(rng, [g.InChannels]);
        Tensor dY = RandomTensors.Uniform(rng, g.InputShape.ToArray());
        var y = new float[g.InputShape.ElementCount];
        var dX = new float[x.Length];
        var dW = new float[w.Length];
        var dB = new float[b.Length];

        ConvTranspose2dKernels.Forward(g, x.Data, w.Data, b.Data, y);
        ConvTranspose2dKernels.Backward(g, x.Data, w.Data, dY.Data, dX, dW);
        ConvTranspose2dKernels.BackwardBias(g, dY.Data, dB);
        return [y, dX, dW, dB];
    }
}

/// <summary>Tests that change <see cref="ComputeThreads.Max"/> and so must run alone.</summary>
[CollectionDefinition(nameof(ComputeThreadsCollection), DisableParallelization = true)]
public sealed class ComputeThreadsCollection
{
}
