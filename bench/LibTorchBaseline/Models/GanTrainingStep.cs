using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace NativeGan.LibTorchBaseline.Models;

/// <summary>
/// One GAN training step in libtorch, as NativeGan's GanStep. It samples z and updates D on a
/// real batch and the detached fake batch. Then it updates G with the non-saturating loss
/// BCE(D(G(z)), 1) against the updated D, with D's parameters frozen during G's backward.
/// Both updates use BCE with logits and Adam (lr 2e-4, betas 0.5 and 0.999).
/// </summary>
public sealed class GanTrainingStep : IDisposable
{
    private const double LearningRate = 2e-4;
    private const double Beta1 = 0.5;
    private const double Beta2 = 0.999;

    private readonly nn.Module<Tensor, Tensor> _generator;
    private readonly nn.Module<Tensor, Tensor> _discriminator;
    private readonly optim.Optimizer _generatorOptimizer;
    private readonly optim.Optimizer _discriminatorOptimizer;
    private readonly long[] _latentShape;
    private readonly Tensor _ones;
    private readonly Tensor _zeros;

    /// <summary>Creates the step and both Adam optimizers.</summary>
    /// <param name="generator">G: z of <paramref name="latentShape"/> to images.</param>
    /// <param name="discriminator">D: images to logits (N, 1).</param>
    /// <param name="latentShape">Shape of one batch of z, (N, 100) or (N, 100, 1, 1).</param>
    public GanTrainingStep(
        nn.Module<Tensor, Tensor> generator,
        nn.Module<Tensor, Tensor> discriminator,
        long[] latentShape)
    {
        _generator = generator;
        _discriminator = discriminator;
        _latentShape = latentShape;
        _generatorOptimizer = optim.Adam(generator.parameters(), LearningRate, Beta1, Beta2);
        _discriminatorOptimizer =
            optim.Adam(discriminator.parameters(), LearningRate, Beta1, Beta2);
        _ones = torch.ones(latentShape[0], 1);
        _zeros = torch.zeros(latentShape[0], 1);
        generator.train();
        discriminator.train();
    }

    /// <summary>
    /// Trains both networks once on <paramref name="realBatch"/> and returns D's and G's
    /// losses. Every intermediate tensor is freed before the method returns.
    /// </summary>
    public (float LossD, float LossG) Run(Tensor realBatch)
    {
        using var scope = torch.NewDisposeScope();

        Tensor z = torch.randn(_latentShape);
        Tensor fake = _generator.forward(z);

        Tensor realLogits = _discriminator.forward(realBatch);
        Tensor fakeLogits = _discriminator.forward(fake.detach());
        Tensor lossD = binary_cross_entropy_with_logits(realLogits, _ones) +
            binary_cross_entropy_with_logits(fakeLogits, _zeros);
        _discriminatorOptimizer.zero_grad();
        lossD.backward();
        _discriminatorOptimizer.step();

        // Frozen D: the gradient reaches the fakes through D, but D's weights get none.
        SetRequiresGrad(_discriminator, false);
        Tensor lossG;
        try
        {
            lossG = binary_cross_entropy_with_logits(_discriminator.forward(fake), _ones);
            _generatorOptimizer.zero_grad();
            lossG.backward();
            _generatorOptimizer.step();
        }
        finally
        {
            SetRequiresGrad(_discriminator, true);
        }

        return (lossD.item<float>(), lossG.item<float>());
    }

    /// <summary>Frees both optimizers and the target tensors.</summary>
    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
        _ones.Dispose();
        _zeros.Dispose();
    }

    private static void SetRequiresGrad(nn.Module<Tensor, Tensor> module, bool requiresGrad)
    {
        foreach (var parameter in module.parameters())
        {
            parameter.requires_grad = requiresGrad;
        }
    }
}
