using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Kernels;

namespace NativeGan.GpuCheck;

/// <summary>
/// DeviceGemm against the CPU Gemm: C = alpha op(A) op(B) + beta C for every size with all
/// four transpose combinations, named as in BLAS (N plain, T transposed; A first).
/// </summary>
internal static class GemmChecks
{
    private const float Alpha = 0.75f;
    private const float Beta = 0.5f;

    private static readonly (GemmTiling Tiling, string Name)[] Kernels =
    [
        (GemmTiling.Narrow, "64x64"),
        (GemmTiling.Wide, "128x128"),
    ];

    /// <summary>Creates the checks.</summary>
    public static IEnumerable<KernelCheck> Create(ComputeDevice device, CheckSizes sizes)
    {
        foreach (GemmSize size in sizes.Gemm)
        {
            var label = new KernelCheckLabel("gemm", size.ToString());
            // Both kernels at every size, since DeviceGemm's choice by size would leave one
            // of them unchecked on most sizes.
            foreach (var (tiling, kernel) in Kernels)
            {
                foreach (bool transA in new[] { false, true })
                {
                    foreach (bool transB in new[] { false, true })
                    {
                        string name = $"{(transA ? 'T' : 'N')}{(transB ? 'T' : 'N')} {kernel}";
                        yield return new KernelCheck(label, name,
                            () => [Run(device, label, name, size, transA, transB, tiling)]);
                    }
                }
            }
        }
    }

    private static CheckResult Run(
        ComputeDevice device, KernelCheckLabel label, string name, GemmSize size, bool transA,
        bool transB, GemmTiling tiling)
    {
        (int m, int n, int k) = (size.M, size.N, size.K);
        var rng = new Rng((ulong)(m * 7919 + n * 31 + k) * 4 + (transA ? 2UL : 0) +
            (transB ? 1UL : 0));
        float[] a = HostArrays.Uniform(rng, m * k);
        float[] b = HostArrays.Uniform(rng, k * n);
        float[] c = HostArrays.Uniform(rng, m * n);
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        Shape aShape = transA ? new Shape(k, m) : new Shape(m, k);
        Shape bShape = transB ? new Shape(n, k) : new Shape(k, n);

        float[] cpu = (float[])c.Clone();
        Gemm.Multiply(transA, transB, m, n, k, Alpha, a, lda, b, ldb, Beta, cpu, n);

        // |alpha| sum_p |a_ip b_pj| + |beta c_ij|: the magnitude of the terms of each element.
        float[] magnitude = HostArrays.Abs(c);
        Gemm.Multiply(transA, transB, m, n, k, Math.Abs(Alpha), HostArrays.Abs(a), lda,
            HostArrays.Abs(b), ldb, Math.Abs(Beta), magnitude, n);

        using DeviceTensor deviceA = HostArrays.Upload(device, a, aShape);
        using DeviceTensor deviceB = HostArrays.Upload(device, b, bShape);
        using DeviceTensor deviceC = HostArrays.Upload(device, (float[])c.Clone(), new(m, n));
        DeviceGemm.Multiply(transA, transB, Alpha, deviceA, deviceB, Beta, deviceC, tiling);
        float[] result = deviceC.ToHost().Data;

        // Each result may differ from the exact product by (k + 3) u times the magnitude, so
        // the two may differ from each other by twice that, as in the device GEMM tests.
        var tolerance = Tolerance.Summation(magnitude, k, 3, 2, 0);
        return Comparison.Compare(label, name, "CPU Gemm", result, cpu, tolerance);
    }
}
