using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;

namespace NativeGan.Benchmarks;

/// <summary>
/// Each convolution layer of the reference DCGAN-MNIST at batch 128, without biases, through
/// the kernels of <see cref="Conv2dKernels"/> and <see cref="ConvTranspose2dKernels"/> on
/// buffers allocated once, with <see cref="ComputeThreads.Max"/> set to Threads.
/// </summary>
/// <remarks>
/// G: ConvTranspose2d(100, 256, k7) 1 -> 7, (256, 128, k4, s2, p1) 7 -> 14,
/// (128, 1, k4, s2, p1) 14 -> 28. D: Conv2d(1, 64, k4, s2, p1) 28 -> 14,
/// (64, 128, k4, s2, p1) 14 -> 7, (128, 1, k7) 7 -> 1. The GFLOP/s column counts
/// 2 N Cout OH OW Cin kh kw per pass: once for Forward, three times for ForwardBackward,
/// which adds the input and weight gradients.
/// </remarks>
[Config(typeof(Config))]
public class ConvBenchmarks
{
    private const int Batch = 128;

    private Conv2dGeometry _geometry;
    private bool _transposed;
    private float[] _input = [];
    private float[] _weight = [];
    private float[] _output = [];
    private float[] _outputGradient = [];
    private float[] _inputGradient = [];
    private float[] _weightGradient = [];

    /// <summary>
    /// Layer of DCGAN-MNIST, named by its position and image sizes: G1 to G3 of the
    /// generator, D1 to D3 of the discriminator, as listed in the class remarks.
    /// </summary>
    [Params(
        "G1 ConvT 1->7", "G2 ConvT 7->14", "G3 ConvT 14->28",
        "D1 Conv 28->14", "D2 Conv 14->7", "D3 Conv 7->1")]
    public string Layer { get; set; } = "";

    /// <summary>Value of <see cref="ComputeThreads.Max"/> during the benchmark.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the layer's geometry and fills its operands with normal values.</summary>
    [GlobalSetup]
    public void Setup()
    {
        ComputeThreads.Max = Threads;
        (_geometry, _transposed) = Geometry(Layer);
        Shape layerInput = _transposed ? _geometry.OutputShape : _geometry.InputShape;
        Shape layerOutput = _transposed ? _geometry.InputShape : _geometry.OutputShape;
        var rng = new Rng(7);
        _input = Normal(rng, layerInput.ElementCount);
        _weight = Normal(rng, _geometry.WeightShape.ElementCount);
        _outputGradient = Normal(rng, layerOutput.ElementCount);
        _output = new float[layerOutput.ElementCount];
        _inputGradient = new float[layerInput.ElementCount];
        _weightGradient = new float[_weight.Length];
    }

    /// <summary>Runs the forward pass.</summary>
    [Benchmark]
    public void Forward()
    {
        if (_transposed)
        {
            ConvTranspose2dKernels.Forward(_geometry, _input, _weight, null, _output);
        }
        else
        {
            Conv2dKernels.Forward(_geometry, _input, _weight, null, _output);
        }
    }

    /// <summary>Runs the forward pass, then the input and weight gradients.</summary>
    [Benchmark]
    public void ForwardBackward()
    {
        Forward();
        if (_transposed)
        {
            ConvTranspose2dKernels.Backward(_geometry, _input, _weight, _outputGradient,
                _inputGradient, _weightGradient);
        }
        else
        {
            Conv2dKernels.BackwardInput(_geometry, _outputGradient, _weight, _inputGradient);
            Conv2dKernels.BackwardWeight(_geometry, _input, _outputGradient, _weightGradient);
        }
    }

    private static (Conv2dGeometry Geometry, bool Transposed) Geometry(string layer) =>
        layer[..2] switch
        {
            "G1" => (Transposed(new(Batch, 100, 1, 1), new(100, 256, 7, 7), 1, 0), true),
            "G2" => (Transposed(new(Batch, 256, 7, 7), new(256, 128, 4, 4), 2, 1), true),
            "G3" => (Transposed(new(Batch, 128, 14, 14), new(128, 1, 4, 4), 2, 1), true),
            "D1" => (Conv(new(Batch, 1, 28, 28), new(64, 1, 4, 4), 2, 1), false),
            "D2" => (Conv(new(Batch, 64, 14, 14), new(128, 64, 4, 4), 2, 1), false),
            "D3" => (Conv(new(Batch, 128, 7, 7), new(1, 128, 7, 7), 1, 0), false),
            _ => throw new ArgumentException($"Unknown DCGAN layer '{layer}'.", nameof(layer)),
        };

    private static Conv2dGeometry Conv(Shape input, Shape weight, int stride, int padding) =>
        Conv2dGeometry.ForConv2d(input, weight, stride, padding, 1);

    private static Conv2dGeometry Transposed(Shape input, Shape weight, int stride, int padding) =>
        Conv2dGeometry.ForConvTranspose2d(input, weight, stride, padding, 0, 1);

    private static float[] Normal(Rng rng, int length)
    {
        var values = new float[length];
        rng.FillNormal(values);
        return values;
    }

    /// <summary>Settings that count one pass for Forward, three for ForwardBackward.</summary>
    public sealed class Config() : ShortRunConfig(Flops)
    {
        private static double Flops(BenchmarkCase benchmarkCase)
        {
            string layer = (string)benchmarkCase.Parameters[nameof(Layer)];
            double passes =
                benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(ForwardBackward) ? 3 : 1;
            return passes * Geometry(layer).Geometry.Flops;
        }
    }
}
