using NativeGan.Nn;

namespace NativeGan.Gan.Models;

/// <summary>Creates activation layers by their config names.</summary>
public static class ActivationFactory
{
    /// <summary>Slope of leaky ReLU, as in the reference GANs.</summary>
    public const float LeakySlope = 0.2f;

    /// <summary>Returns a new layer for <paramref name="name"/>: relu, leaky_relu, tanh or sigmoid.</summary>
    public static Module Create(string name) => name switch
    {
        "relu" => new ReLU(),
        "leaky_relu" => new LeakyReLU(LeakySlope),
        "tanh" => new Tanh(),
        "sigmoid" => new Sigmoid(),
        _ => throw new ArgumentException(
            $"Unknown activation '{name}'. Choose one of: " +
            $"{string.Join(", ", ArchitectureOptions.ActivationNames)}."),
    };
}
