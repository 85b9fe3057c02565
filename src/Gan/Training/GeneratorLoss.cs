namespace NativeGan.Gan.Training;

/// <summary>Objective that G minimizes.</summary>
public enum GeneratorLoss
{
    /// <summary>-log D(G(z)): BCE of D(G(z)) against the real label; strong gradients early on.</summary>
    NonSaturating,

    /// <summary>log(1 - D(G(z))): the original minimax objective, minus BCE against the fake label.</summary>
    Minimax,
}
