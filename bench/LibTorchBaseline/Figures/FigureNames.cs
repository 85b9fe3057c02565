namespace NativeGan.LibTorchBaseline.Figures;

/// <summary>
/// Names of the figures. Both engines report under these names so that the comparison can
/// pair them. The batch size is part of a name, but the thread count is not.
/// </summary>
public static class FigureNames
{
    /// <summary>One MLP GAN training step (D update, then G update) at a batch size.</summary>
    public static string MlpGanStep(int batch) => $"mlp_gan_step_b{batch}";

    /// <summary>One DCGAN-MNIST training step (D update, then G update) at a batch size.</summary>
    public static string DcganStep(int batch) => $"dcgan_step_b{batch}";

    /// <summary>Throughput of a square n x n float32 matrix product.</summary>
    public static string MatMul(int size) => $"mm_{size}";

    /// <summary>Forward pass of one DCGAN convolution layer alone (no BN, no activation).</summary>
    public static string ConvForward(string layer, int batch) => $"dcgan_{layer}_forward_b{batch}";

    /// <summary>
    /// Forward pass, then the backward pass that computes the input and weight gradients,
    /// of one DCGAN convolution layer alone.
    /// </summary>
    public static string ConvForwardBackward(string layer, int batch) =>
        $"dcgan_{layer}_forward_backward_b{batch}";

    /// <summary>Peak resident set size (VmHWM) of a process that trains the DCGAN.</summary>
    public static string DcganPeakMemory(int batch) => $"dcgan_train_peak_rss_b{batch}";
}
