using NativeGan.Autodiff;
using NativeGan.Nn;

namespace NativeGan.Gan.Models;

/// <summary>
/// Encoder body of a VAE: images (N, C, H, W) to features (N, FeatureSize). Wraps a network
/// that takes flat images (N, C*H*W) or images as they are.
/// </summary>
public sealed class ImageEncoder : Module
{
    private readonly bool _flatInput;

    /// <summary>Wraps <paramref name="body"/>, which must output (N, featureSize).</summary>
    public ImageEncoder(Module body, ImageShape imageShape, int featureSize, bool flatInput)
    {
        Body = RegisterModule("net", body);
        ImageShape = imageShape;
        FeatureSize = featureSize;
        _flatInput = flatInput;
    }

    /// <summary>Network that maps images to features.</summary>
    public Module Body { get; }

    /// <summary>Shape of one input image.</summary>
    public ImageShape ImageShape { get; }

    /// <summary>Number of features per image.</summary>
    public int FeatureSize { get; }

    /// <summary>Maps images (N, C, H, W) to features (N, FeatureSize).</summary>
    public override Variable Forward(Variable input)
    {
        ImageShape expected = ImageShape;
        if (input.Value.Rank != 4 || input.Shape[1] != expected.Channels ||
            input.Shape[2] != expected.Height || input.Shape[3] != expected.Width)
        {
            throw new ArgumentException(
                $"Encoder input has shape {input.Shape}; expected (N, {expected.Channels}, " +
                $"{expected.Height}, {expected.Width}).");
        }

        int n = input.Shape[0];
        Variable x = _flatInput ? Functions.Reshape(input, n, expected.Size) : input;
        return Functions.Reshape(Body.Forward(x), n, FeatureSize);
    }
}
