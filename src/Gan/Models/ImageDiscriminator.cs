using NativeGan.Autodiff;
using NativeGan.Nn;

namespace NativeGan.Gan.Models;

/// <summary>
/// Discriminator D: images (N, C, H, W) to one logit per image, (N, 1). A positive logit
/// means "real" under the usual labels.
/// </summary>
public sealed class ImageDiscriminator : Module
{
    private readonly bool _flatInput;

    /// <summary>Wraps <paramref name="body"/>; with flatInput it takes images as (N, C*H*W).</summary>
    public ImageDiscriminator(Module body, ImageShape imageShape, bool flatInput)
    {
        Body = RegisterModule("net", body);
        ImageShape = imageShape;
        _flatInput = flatInput;
    }

    /// <summary>Network that maps images to logits.</summary>
    public Module Body { get; }

    /// <summary>Shape of one input image.</summary>
    public ImageShape ImageShape { get; }

    /// <summary>Maps images (N, C, H, W) to logits (N, 1).</summary>
    public override Variable Forward(Variable input)
    {
        var expected = ImageShape;
        if (input.Value.Rank != 4 || input.Shape[1] != expected.Channels ||
            input.Shape[2] != expected.Height || input.Shape[3] != expected.Width)
        {
            throw new ArgumentException(
                $"Discriminator input has shape {input.Shape}; expected (N, " +
                $"{expected.Channels}, {expected.Height}, {expected.Width}).");
        }

        int n = input.Shape[0];
        Variable x = _flatInput ? Functions.Reshape(input, n, expected.Size) : input;
        return Functions.Reshape(Body.Forward(x), n, 1);
    }
}
