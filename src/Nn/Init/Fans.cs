namespace NativeGan.Nn.Init;

/// <summary>
/// Fan in and fan out of a weight tensor, as torch.nn.init._calculate_fan_in_and_fan_out
/// computes them.
/// </summary>
/// <param name="FanIn">Dimension 1 times the receptive field size.</param>
/// <param name="FanOut">Dimension 0 times the receptive field size.</param>
public readonly record struct Fans(long FanIn, long FanOut)
{
    /// <summary>Returns <see cref="FanIn"/> or <see cref="FanOut"/> as
    /// <paramref name="mode"/> selects.</summary>
    public long Select(FanMode mode) => mode switch
    {
        FanMode.FanIn => FanIn,
        FanMode.FanOut => FanOut,
        _ => throw new ArgumentOutOfRangeException(
            nameof(mode), mode, "Unknown fan mode; use FanMode.FanIn or FanMode.FanOut."),
    };
}
