namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Scalars of one Adam step as the kernel uses them, derived on the host in double from
/// the hyperparameters and the step number, as PyTorch's torch.optim.Adam computes them.
/// </summary>
/// <param name="Beta1">Decay of the first moment.</param>
/// <param name="Beta2">Decay of the second moment.</param>
/// <param name="StepSize">lr / (1 - beta1^t).</param>
/// <param name="BiasCorrection2Sqrt">sqrt(1 - beta2^t).</param>
/// <param name="Epsilon">Term added to the denominator.</param>
/// <param name="WeightDecay">L2 penalty added to the gradient as weightDecay * p.</param>
internal readonly record struct AdamStep(
    float Beta1, float Beta2, float StepSize, float BiasCorrection2Sqrt, float Epsilon,
    float WeightDecay);
