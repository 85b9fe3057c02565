namespace NativeGan.Tensors;

/// <summary>
/// Process-wide limit on the number of threads that CPU kernels (such as
/// <see cref="Kernels.Gemm"/>) may use for one call.
/// </summary>
public static class ComputeThreads
{
    private static int _max = Environment.ProcessorCount;

    /// <summary>
    /// Maximum number of threads per kernel call, at least 1; defaults to
    /// <see cref="Environment.ProcessorCount"/>. Small problems may use fewer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int Max
    {
        get => Volatile.Read(ref _max);
        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(value), value,
                    $"ComputeThreads.Max must be at least 1 but was {value}; " +
                    "use 1 to run kernels on the calling thread only.");
            }

            Volatile.Write(ref _max, value);
        }
    }
}
