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
        StepInputs inputs = PrepareInputs(realImages);
        Variable fake = Generator.Forward(new Variable(inputs.Latent));
        var (lossD, realLogits, fakeLogits) = UpdateDiscriminator(inputs, fake.Detach());

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
        StepInputs inputs = PrepareInputs(realImages);
        Variable fake;
        using (GradMode.NoGrad())
        {
            fake = Generator.Forward(new Variable(inputs.Latent));
        }

        var (lossD, realLogits, fakeLogits) = UpdateDiscriminator(inputs, fake);
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

    // z and the targets are drawn on the host from the saved streams, so that a device run
    // draws the same values. They are copied before any kernel of the step is queued: a
    // copy to a device waits for the kernels queued before it.
    private StepInputs PrepareInputs(Tensor realImages)
    {
        ComputeDevice device = Generator.Device;
        int n = realImages.Shape[0];
        var z = new Tensor(n, Generator.LatentSize);
        _noiseRng.FillNormal(z.Data);
        Tensor realTargets = Buffer(ref _realTargets, n);
        Tensor fakeTargets = Buffer(ref _fakeTargets, n);
        Labels.FillRealTargets(realTargets.Data);
        Labels.FillFakeTargets(fakeTargets.Data);
        return new StepInputs(
            realImages.To(device), z.To(device), realTargets.To(device), fakeTargets.To(device));
    }

    // D step: real images toward the real targets, fakes toward the fake targets. The
    // fakes must carry no history, so that D's loss does not reach G's parameters.
    private (Variable Loss, Variable RealLogits, Variable FakeLogits) UpdateDiscriminator(
        StepInputs inputs, Variable fakeImages)
    {
        Variable realLogits = Discriminator.Forward(new Variable(inputs.RealImages));
        Variable fakeLogits = Discriminator.Forward(fakeImages);
        Variable loss =
            Losses.BinaryCrossEntropyWithLogits(realLogits, inputs.RealTargets) +
            Losses.BinaryCrossEntropyWithLogits(fakeLogits, inputs.FakeTargets);
        DiscriminatorOptimizer.ZeroGrad();
        loss.Backward();
        DiscriminatorOptimizer.Step();
        return (loss, realLogits, fakeLogits);
    }

    // Non-saturating: G's fakes toward the real label. Minimax: minimizing
    // log(1 - D(G(z))) is maximizing D's BCE on the fake label. The targets never change,
    // so they are built once per batch size and device.
    private Variable GeneratorObjective(Variable fakeLogits)
    {
        int n = fakeLogits.Shape[0];
        ComputeDevice device = fakeLogits.Value.Device;
        if (_generatorTargets is null || _generatorTargets.Shape[0] != n ||
            !ReferenceEquals(_generatorTargets.Device, device))
        {
            float label = GeneratorLoss == GeneratorLoss.NonSaturating
                ? Labels.RealLabel
                : Labels.FakeLabel;
            _generatorTargets = Tensor.Full(device, label, new Shape(n, 1));
        }

        Variable loss = Losses.BinaryCrossEntropyWithLogits(fakeLogits, _generatorTargets);
        return GeneratorLoss == GeneratorLoss.NonSaturating ? loss : -loss;
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

    private readonly record struct StepInputs(
        Tensor RealImages, Tensor Latent, Tensor RealTargets, Tensor FakeTargets);

    private static Tensor Buffer(ref Tensor? cache, int n)
    {
        if (cache is null || cache.Shape[0] != n)
        {
            cache = new Tensor(n, 1);
        }

        return cache;
    }
}
