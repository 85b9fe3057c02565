using NativeGan.Autodiff;
using NativeGan.Gan.Models;
using NativeGan.Nn;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Gan.Training;

/// <summary>
/// One GAN training step: a D update on a real batch and a detached fake batch, then a G
/// update with the non-saturating loss -log D(G(z)) or the minimax loss log(1 - D(G(z))),
/// as in Goodfellow et al. (2014). D's targets come from a <see cref="LabelSampler"/>.
/// </summary>
public sealed class GanStep
{
    private readonly Rng _noiseRng;
    private Tensor? _realTargets;
    private Tensor? _fakeTargets;
    private Tensor? _generatorTargets;

    /// <summary>Creates the step over two networks and their optimizers.</summary>
    public GanStep(
        ImageGenerator generator,
        ImageDiscriminator discriminator,
        Optimizer generatorOptimizer,
        Optimizer discriminatorOptimizer,
        Rng noiseRng,
        LabelSampler? labels = null,
        GeneratorLoss generatorLoss = GeneratorLoss.NonSaturating)
    {
        Generator = generator;
        Discriminator = discriminator;
        GeneratorOptimizer = generatorOptimizer;
        DiscriminatorOptimizer = discriminatorOptimizer;
        _noiseRng = noiseRng;
        Labels = labels ?? new LabelSampler(new LabelOptions(), new Rng(0));
        GeneratorLoss = generatorLoss;
    }

    /// <summary>Source of D's targets.</summary>
    public LabelSampler Labels { get; }

    /// <summary>Objective of G.</summary>
    public GeneratorLoss GeneratorLoss { get; }

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
        realImages = realImages.To(Generator.Device);
        Variable fake = Generator.Forward(new Variable(SampleLatent(realImages.Shape[0])));
        var (lossD, realLogits, fakeLogits) = UpdateDiscriminator(realImages, fake.Detach());

        // G step against the updated D. D is frozen so its weight gradients are skipped;
        // the gradient still flows through D to the fakes.
        Discriminator.SetRequiresGrad(false);
        Variable lossG;
        try
        {
            lossG = GeneratorObjective(Discriminator.Forward(fake));
            GeneratorOptimizer.ZeroGrad();
            lossG.Backward();
            GeneratorOptimizer.Step();
        }
        finally
        {
            Discriminator.SetRequiresGrad(true);
        }

        return Metrics(lossD, lossG.Value.Item(), realLogits, fakeLogits);
    }

    /// <summary>
    /// Trains D alone for one step against the current, frozen G, as in the pre-training
    /// that follows a VAE warm start. G's loss in the result is NaN.
    /// </summary>
    public StepMetrics RunDiscriminatorOnly(Tensor realImages)
    {
        realImages = realImages.To(Generator.Device);
        Variable fake;
        using (GradMode.NoGrad())
        {
            fake = Generator.Forward(new Variable(SampleLatent(realImages.Shape[0])));
        }

        var (lossD, realLogits, fakeLogits) = UpdateDiscriminator(realImages, fake);
        return Metrics(lossD, float.NaN, realLogits, fakeLogits);
    }

    // The losses and the logits (N, 1) are the only values copied from a device in a step.
    private StepMetrics Metrics(
        Variable lossD, float lossG, Variable realLogits, Variable fakeLogits)
    {
        Tensor real = realLogits.Value.To(ComputeDevice.Cpu);
        Tensor fake = fakeLogits.Value.To(ComputeDevice.Cpu);
        return new StepMetrics(
            Step: 0,
            Epoch: 0,
            LossD: lossD.Value.Item(),
            LossG: lossG,
            DReal: MeanProbabilityReal(real),
            DFake: MeanProbabilityReal(fake),
            DAccuracyReal: ShareVotingReal(real),
            DAccuracyFake: 1f - ShareVotingReal(fake));
    }

    private Tensor SampleLatent(int n)
    {
        // Drawn on the host from the saved stream, so that a device run draws the same z.
        var z = new Tensor(n, Generator.LatentSize);
        _noiseRng.FillNormal(z.Data);
        return z.To(Generator.Device);
    }

    // D step: real images toward the real targets, fakes toward the fake targets. The
    // fakes must carry no history, so that D's loss does not reach G's parameters.
    private (Variable Loss, Variable RealLogits, Variable FakeLogits) UpdateDiscriminator(
        Tensor realImages, Variable fakeImages)
    {
        int n = realImages.Shape[0];
        Tensor realTargets = Buffer(ref _realTargets, n);
        Tensor fakeTargets = Buffer(ref _fakeTargets, n);
        Labels.FillRealTargets(realTargets.Data);
        Labels.FillFakeTargets(fakeTargets.Data);
        ComputeDevice device = realImages.Device;
        Variable realLogits = Discriminator.Forward(new Variable(realImages));
        Variable fakeLogits = Discriminator.Forward(fakeImages);
        Variable loss =
            Losses.BinaryCrossEntropyWithLogits(realLogits, realTargets.To(device)) +
            Losses.BinaryCrossEntropyWithLogits(fakeLogits, fakeTargets.To(device));
        DiscriminatorOptimizer.ZeroGrad();
        loss.Backward();
        DiscriminatorOptimizer.Step();
        return (loss, realLogits, fakeLogits);
    }

    private Variable GeneratorObjective(Variable fakeLogits)
    {
        int n = fakeLogits.Shape[0];
        Tensor targets = Buffer(ref _generatorTargets, n);
        ComputeDevice device = fakeLogits.Value.Device;
        if (GeneratorLoss == GeneratorLoss.NonSaturating)
        {
            targets.Data.AsSpan().Fill(Labels.RealLabel);
            return Losses.BinaryCrossEntropyWithLogits(fakeLogits, targets.To(device));
        }

        // Minimax: minimizing log(1 - D(G(z))) is maximizing D's BCE on the fake label.
        targets.Data.AsSpan().Fill(Labels.FakeLabel);
        return -Losses.BinaryCrossEntropyWithLogits(fakeLogits, targets.To(device));
    }

    // D's probability that each image is real, averaged: sigmoid(logit), or its complement
    // under the swapped convention.
    private float MeanProbabilityReal(Tensor logits)
    {
        double sum = 0;
        foreach (float x in logits.Data)
        {
            sum += 1.0 / (1.0 + Math.Exp(-x));
        }

        float mean = (float)(sum / logits.Length);
        return Labels.Options.Reversed ? 1f - mean : mean;
    }

    private float ShareVotingReal(Tensor logits)
    {
        int votes = 0;
        foreach (float x in logits.Data)
        {
            if (Labels.VotesReal(x))
            {
                votes++;
            }
        }

        return (float)votes / logits.Length;
    }

    private static Tensor Buffer(ref Tensor? cache, int n)
    {
        if (cache is null || cache.Shape[0] != n)
        {
            cache = new Tensor(n, 1);
        }

        return cache;
    }
}
