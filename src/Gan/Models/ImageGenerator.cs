using NativeGan.Autodiff;
using NativeGan.Nn;

namespace NativeGan.Gan.Models;

/// <summary>
/// Generator G: latent z (N, LatentSize) to images (N, C, H, W). Wraps a network whose
/// input and output may be flat, and reshapes so that every generator looks the same to
/// the trainer.
/// </summary>
public sealed class ImageGenerator : Module
{
    private readonly bool _flatLatent;

    /// <summary>
    /// Wraps <paramref name="body"/>. With flatLatent the body takes z as (N, latent),
    /// otherwise as (N, latent, 1, 1), as transposed convolutions do.
    /// </summary>
    public ImageGenerator(Module body, int latentSize, ImageShape imageShape, bool flatLatent)
    {
        Body = RegisterModule("net", body);
        LatentSize = latentSize;
        ImageShape = imageShape;
        _flatLatent = flatLatent;
    }

    /// <summary>Network that maps z to images.</summary>
    public Module Body { get; }

    /// <summary>Length of the latent vector z.</summary>
    public int LatentSize { get; }

    /// <summary>Shape of one generated image.</summary>
    public ImageShape ImageShape { get; }

    /// <summary>Maps z (N, LatentSize) to images (N, C, H, W).</summary>
    public override Variable Forward(Variable input)
    {
        if (input.Value.Rank != 2 || input.Shape[1] != LatentSize)
        {
            throw new ArgumentException(
                $"Generator input has shape {input.Shape}; expected (N, {LatentSize}).");
        }

        int n = input.Shape[0];
        Variable z = _flatLatent ? input : Functions.Reshape(input, n, LatentSize, 1, 1);
        Variable images = Body.Forward(z);
        return Functions.Reshape(images, n, ImageShape.Channels, ImageShape.Height, ImageShape.Width);
    }
}
