namespace NativeGan.Gan.Data;

/// <summary>One of the four original MNIST files, with its exact length and checksum.</summary>
/// <param name="Name">File name inside the data folder, e.g. "train-images-idx3-ubyte".</param>
/// <param name="Length">Exact file length in bytes.</param>
/// <param name="Sha256">SHA-256 of the whole file as 64 lowercase hexadecimal digits.</param>
public sealed record MnistFile(string Name, long Length, string Sha256);
