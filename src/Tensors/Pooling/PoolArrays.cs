namespace NativeGan.Tensors.Pooling;

/// <summary>Length checks of the arrays passed to the pooling kernels.</summary>
internal static class PoolArrays
{
    /// <summary>Throws unless <paramref name="data"/> has N * C * H * W elements.</summary>
    public static void CheckInput<T>(string op, string name, T[] data, Pool2dGeometry geometry) =>
        Check(op, name, data, (long)geometry.Planes * geometry.InPlaneSize, geometry.InputShape);

    /// <summary>Throws unless <paramref name="data"/> has N * C * OH * OW elements.</summary>
    public static void CheckOutput<T>(string op, string name, T[] data, Pool2dGeometry geometry) =>
        Check(op, name, data, (long)geometry.Planes * geometry.OutPlaneSize, geometry.OutputShape);

    private static void Check<T>(string op, string name, T[] data, long expected, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.Length != expected)
        {
            throw new ArgumentException(
                $"{op}: {name} has {data.Length} elements but shape {shape} needs {expected}.",
                name);
        }
    }
}
