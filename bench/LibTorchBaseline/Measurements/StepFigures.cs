using NativeGan.LibTorchBaseline.Figures;
using NativeGan.LibTorchBaseline.Models;
using static TorchSharp.torch;

namespace NativeGan.LibTorchBaseline.Measurements;

/// <summary>
/// Time of one GAN training step of the MLP GAN and of the DCGAN, on a fixed real batch
/// drawn from U(-1, 1) as a stand-in for MNIST images (the step's time does not depend on
/// the pixel values).
/// </summary>
public static class StepFigures
{
    /// <summary>Measures one MLP GAN step at <paramref name="batch"/> images.</summary>
    public static Figure MeasureMlpGan(int batch, int threads, MeasurementSettings settings)
    {
        using var generator = MlpGanNetworks.CreateGenerator();
        using var discriminator = MlpGanNetworks.CreateDiscriminator();
        using var step = new GanTrainingStep(
            generator, discriminator, [batch, MlpGanNetworks.LatentSize]);
        using Tensor real = UniformImages(batch, MlpGanNetworks.ImagePixels);

        double ms = MedianTimer.MeasureMilliseconds(
            () => step.Run(real), settings.Warmup, settings.Repetitions);
        return new Figure(FigureNames.MlpGanStep(batch), threads, ms, FigureUnits.Milliseconds);
    }

    /// <summary>Measures one DCGAN step at <paramref name="batch"/> images.</summary>
    public static Figure MeasureDcgan(int batch, int threads, MeasurementSettings settings)
    {
        using var generator = DcganNetworks.CreateGenerator();
        using var discriminator = DcganNetworks.CreateDiscriminator();
        using var step = CreateDcganStep(generator, discriminator, batch);
        using Tensor real = UniformImages(batch, 1, 28, 28);

        double ms = MedianTimer.MeasureMilliseconds(
            () => step.Run(real), settings.Warmup, settings.Repetitions);
        return new Figure(FigureNames.DcganStep(batch), threads, ms, FigureUnits.Milliseconds);
    }

    /// <summary>Creates the DCGAN training step for z of shape (batch, 100, 1, 1).</summary>
    public static GanTrainingStep CreateDcganStep(
        nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, int batch) =>
        new(generator, discriminator, [batch, DcganNetworks.LatentSize, 1, 1]);

    /// <summary>Returns a tensor of <paramref name="shape"/> with values from U(-1, 1).</summary>
    public static Tensor UniformImages(params long[] shape)
    {
        using Tensor unit = rand(shape);
        return unit * 2 - 1;
    }
}
