using NativeGan.Tensors.Pooling;

namespace NativeGan.Tensors.Tests.Pooling;

/// <summary>Pooling windows shared by the kernel tests, on odd input sizes.</summary>
internal static class PoolCases
{
    /// <summary>
    /// Returns (name, input shape, options) cases: square and rectangular kernels, default
    /// and explicit strides, padding, dilation and ceil mode.
    /// </summary>
    public static IEnumerable<(string Name, int[] Shape, Pool2dOptions Options)> All()
    {
        yield return ("k2", [3, 5, 7, 9], new Pool2dOptions(2));
        yield return ("k3 s2 p1", [3, 5, 7, 9], new Pool2dOptions(3, 2, 1));
        yield return (
            "k(3,2) s(2,1) p(1,0)", [2, 3, 9, 7], new Pool2dOptions((3, 2), (2, 1), (1, 0)));
        yield return ("k3 s1 p1", [1, 2, 5, 5], new Pool2dOptions(3, 1, 1));
        yield return ("k2 s2 ceil", [2, 3, 7, 9], new Pool2dOptions(2, ceilMode: true));
        yield return ("k3 s2 p1 ceil", [2, 2, 8, 11], new Pool2dOptions(3, 2, 1, ceilMode: true));
        yield return ("k5 s3 p2", [1, 3, 11, 13], new Pool2dOptions(5, 3, 2));
        yield return ("k1", [2, 2, 3, 4], new Pool2dOptions(1));
    }

    /// <summary>Returns the cases with dilation, which only max pooling supports.</summary>
    public static IEnumerable<(string Name, int[] Shape, Pool2dOptions Options)> Dilated()
    {
        yield return ("k3 d2", [2, 3, 9, 11], new Pool2dOptions(3, 1, 0, 2));
        yield return ("k3 s2 p1 d(2,3)", [1, 4, 11, 13], new Pool2dOptions(3, 2, 1, (2, 3)));
        yield return ("k2 s2 p1 d3 ceil", [2, 2, 10, 9], new Pool2dOptions(2, 2, 1, 3, true));
    }
}
