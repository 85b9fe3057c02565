using NativeGan.Autodiff;
using NativeGan.Gan.Models;
using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Gan.Training;

/// <summary>
/// One GAN training step: a D update on a real batch and a detached fake batch, then a G
/// update with the non-saturating loss -log D(G(z)), as in Goodfellow et al. (2014).
/// </summary>
public sealed class GanStep
{
    private readonly Rng _noiseRng;
    private Tensor? _ones;
    private Tensor? _zeros;

    /// <summary>Creates the step over two networks and their optimizers.</summary>
    public GanStep(
        ImageGenerator generator,
        ImageDiscriminator discriminator,
        Optimizer generatorOptimizer,
        Optimizer discriminatorOptimizer,
        Rng noiseRng)
    {
        Generator = generator;
        Discriminator = discriminator;
        GeneratorOptimizer = generatorOptimizer;
        DiscriminatorOptimizer = discriminatorOptimizer;
        _noiseRng = noiseRng;
    }

    /// <summary>Generator G.</summary>
    public ImageGenerator Generator { get; }

    /// <summary>Discriminator D.</summary>
    public ImageDiscriminator Discriminator { get; }

    /// <summary>Optimizer of G's parameters.</summary>
    public Optimizer GeneratorOptimizer { get; }

    /// <summary>Optimizer of D's parameters.</summary>
    public Optimizer DiscriminatorOptimizer { get; }

    /// <summary>
    /// Trains both networks on one batch of real images (N, C, H, W) and returns the
    /// losses and mean D outputs. Step and epoch numbers are filled in by the caller.
    /// </summary>
    public StepMetrics Run(Tensor realImages)
    {
        int n = realImages.Shape[0];
        Tensor ones = Targets(ref _ones, n, 1f);
        Tensor zeros = Targets(ref _zeros, n, 0f);

        var z = new Tensor(n, Generator.LatentSize);
        _noiseRng.FillNormal(z.Data);
        Variable fake = Generator.Forward(new Variable(z));

        // D step: real images toward 1, fakes toward 0. The fakes are detached so that D's
        // loss does not reach G's parameters.
        Variable realLogits = Discriminator.Forward(new Variable(realImages));
        Variable fakeLogits = Discriminator.Forward(fake.Detach());
        Variable lossD = Losses.BinaryCrossEntropyWithLogits(realLogits, ones) +
            Losses.BinaryCrossEntropyWithLogits(fakeLogits, zeros);
        DiscriminatorOptimizer.ZeroGrad();
        lossD.Backward();
        DiscriminatorOptimizer.Step();

        // G step against the updated D. D is frozen so its weight gradients are skipped;
        // the gradient still flows through D to the fakes.
        Discriminator.SetRequiresGrad(false);
        Variable lossG;
        try
        {
            lossG = Losses.BinaryCrossEntropyWithLogits(Discriminator.Forward(fake), ones);
            GeneratorOptimizer.ZeroGrad();
            lossG.Backward();
            GeneratorOptimizer.Step();
        }
        finally
        {
            Discriminator.SetRequiresGrad(true);
        }

        return new StepMetrics(
            Step: 0,
            Epoch: 0,
            LossD: lossD.Value.Item(),
            LossG: lossG.Value.Item(),
            DReal: MeanSigmoid(realLogits.Value),
            DFake: MeanSigmoid(fakeLogits.Value));
    }

    private static Tensor Targets(ref Tensor? cache, int n, float value)
    {
        if (cache is null || cache.Shape[0] != n)
        {
            cache = Tensor.Full(value, n, 1);
        }

        return cache;
    }

    private static float MeanSigmoid(Tensor logits)
    {
        double sum = 0;
        foreach (float x in logits.Data)
        {
            sum += 1.0 / (1.0 + Math.Exp(-x));
        }

        return (float)(sum / logits.Length);
    }
}
