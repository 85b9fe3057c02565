using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn;

/// <summary>
/// Inverted dropout: in training, zeroes each element with probability p and scales the
/// rest by 1 / (1 - p); in evaluation, the identity. Any shape.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Rng _rng;

    /// <summary>Creates the layer; <paramref name="rng"/> draws the masks.</summary>
    public Dropout(float probability, Rng rng)
    {
        if (!(probability >= 0f && probability < 1f))
        {
            throw new ArgumentOutOfRangeException(
                nameof(probability), probability,
                "Dropout probability must be in [0, 1).");
        }

        Probability = probability;
        _rng = rng;
    }

    /// <summary>Probability of zeroing an element.</summary>
    public float Probability { get; }

    /// <inheritdoc />
    public override Variable Forward(Variable input)
    {
        if (!IsTraining || Probability == 0f)
        {
            return input;
        }

        var mask = new Tensor(input.Shape);
        float keptScale = 1f / (1f - Probability);
        for (int i = 0; i < mask.Length; i++)
        {
            mask.Data[i] = _rng.NextFloat() < Probability ? 0f : keptScale;
        }

        // Drawn on the host from the layer's stream, so that a device run drops the same
        // values, then copied to the input's device.
        return input * new Variable(mask.To(input.Value.Device));
    }

    /// <inheritdoc />
    public override string ToString() => $"Dropout(p={Probability})";
}
