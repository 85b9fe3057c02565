namespace NativeGan.LibTorchBaseline.Figures;

/// <summary>Units of the figures.</summary>
public static class FigureUnits
{
    /// <summary>Milliseconds per call, the median over the timed calls.</summary>
    public const string Milliseconds = "ms";

    /// <summary>Billions of floating-point operations per second (an FMA counts as 2).</summary>
    public const string Gflops = "GFLOP/s";

    /// <summary>Mebibytes (2^20 bytes).</summary>
    public const string Mebibytes = "MiB";
}
