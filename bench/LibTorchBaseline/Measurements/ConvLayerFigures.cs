using NativeGan.LibTorchBaseline.Figures;
using NativeGan.LibTorchBaseline.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace NativeGan.LibTorchBaseline.Measurements;

/// <summary>
/// Time of one DCGAN convolution layer alone on standard normal inputs. One figure is the
/// forward pass without autograd. The other is the forward pass followed by the backward pass
/// that computes the input gradient dX and the weight gradient dW from a fixed output gradient.
/// </summary>
public static class ConvLayerFigures
{
    /// <summary>Measures both figures of <paramref name="layer"/> at <paramref name="batch"/>.</summary>
    public static IEnumerable<Figure> Measure(
        ConvLayerSpec layer, int batch, int threads, MeasurementSettings settings)
    {
        using var module = layer.CreateModule();
        Tensor weight = module.parameters().Single();
        using Tensor input = randn(batch, layer.InChannels, layer.InputSize, layer.InputSize);
        using Tensor outputGradient =
            randn(batch, layer.OutChannels, layer.OutputSize, layer.OutputSize);

        double forwardMs = MedianTimer.MeasureMilliseconds(
            () =>
            {
                using var noGrad = no_grad();
                using Tensor output = module.forward(input);
            },
            settings.Warmup,
            settings.Repetitions);

        input.requires_grad_(true);
        double forwardBackwardMs = MedianTimer.MeasureMilliseconds(
            () =>
            {
                using var scope = NewDisposeScope();
                Tensor output = module.forward(input);
                // autograd.grad returns dX and dW without adding them to .grad buffers.
                autograd.grad([output], [input, weight], [outputGradient]);
            },
            settings.Warmup,
            settings.Repetitions);

        yield return new Figure(
            FigureNames.ConvForward(layer.Name, batch), threads, forwardMs,
            FigureUnits.Milliseconds);
        yield return new Figure(
            FigureNames.ConvForwardBackward(layer.Name, batch), threads, forwardBackwardMs,
            FigureUnits.Milliseconds);
    }
}
