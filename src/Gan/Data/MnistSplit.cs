namespace NativeGan.Gan.Data;

/// <summary>Part of MNIST: the 60,000 training images or the 10,000 test images.</summary>
public enum MnistSplit
{
    /// <summary>The training split: train-images-idx3-ubyte and train-labels-idx1-ubyte.</summary>
    Train,

    /// <summary>The test split: t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte.</summary>
    Test,
}
