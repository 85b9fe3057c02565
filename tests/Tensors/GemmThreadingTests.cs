using System.Runtime.InteropServices;
using NativeGan.Tensors.Kernels;

namespace NativeGan.Tensors.Tests;

public class GemmThreadingTests
{
    [Theory]
    [MemberData(nameof(GemmTests.Kernels), MemberType = typeof(GemmTests))]
    public void Multiply_TwoThreadsSplittingColumns_BitwiseEqualToOne(string kernel)
    {
        var kind = Enum.Parse<GemmMicrokernelKind>(kernel);
        var problem = GemmReference.Random(true, false, 67, 301, 260, alpha: 1.5f, beta: 0.5f);
        GemmPartition plan = Gemm.Plan(kind, 67, 301, 260, maxThreads: 2);

        float[] singleThread = GemmReference.RunGemm(problem, kind, 1);
        float[] twoThreads = GemmReference.RunGemm(problem, kind, 2);

        Assert.Equal(2, plan.Threads);
        Assert.True(plan.SplitColumns);
        Assert.Equal(Bits(singleThread), Bits(twoThreads));
    }

    [Theory]
    [MemberData(nameof(GemmTests.Kernels), MemberType = typeof(GemmTests))]
    public void Multiply_TwoThreadsSplittingRows_BitwiseEqualToOne(string kernel)
    {
        var kind = Enum.Parse<GemmMicrokernelKind>(kernel);
        var problem = GemmReference.Random(false, true, 301, 67, 260, alpha: 1.5f, beta: 0.5f);
        GemmPartition plan = Gemm.Plan(kind, 301, 67, 260, maxThreads: 2);

        float[] singleThread = GemmReference.RunGemm(problem, kind, 1);
        float[] twoThreads = GemmReference.RunGemm(problem, kind, 2);

        Assert.Equal(2, plan.Threads);
        Assert.False(plan.SplitColumns);
        Assert.Equal(Bits(singleThread), Bits(twoThreads));
    }

    [Fact]
    public void Multiply_ThreeThreads_BitwiseEqualToOne()
    {
        GemmMicrokernelKind kind = GemmMicrokernels.Best;
        var problem = GemmReference.Random(false, false, 97, 403, 130, alpha: -1f, beta: 0f);
        GemmPartition plan = Gemm.Plan(kind, 97, 403, 130, maxThreads: 3);

        float[] singleThread = GemmReference.RunGemm(problem, kind, 1);
        float[] threeThreads = GemmReference.RunGemm(problem, kind, 3);

        Assert.Equal(3, plan.Threads);
        Assert.Equal(Bits(singleThread), Bits(threeThreads));
    }

    [Fact]
    public void Plan_SmallProduct_UsesOneThread()
    {
        GemmPartition plan = Gemm.Plan(GemmMicrokernels.Best, 16, 16, 16, maxThreads: 8);

        Assert.Equal(1, plan.Threads);
    }

    [Theory]
    [InlineData(1000, 32, 2)]
    [InlineData(1001, 8, 2)]
    [InlineData(1000, 6, 3)]
    [InlineData(5, 16, 1)]
    public void PartitionRange_AnySplit_CoversExtentInWholeTiles(int extent, int tile, int threads)
    {
        var plan = new GemmPartition(threads, true, extent, tile);
        int next = 0;

        for (int part = 0; part < threads; part++)
        {
            (int start, int end) = plan.Range(part);
            Assert.Equal(next, start);
            Assert.Equal(0, start % tile);
            next = end;
        }

        Assert.Equal(extent, next);
    }

    [Fact]
    public void Multiply_SingleThreadAfterWarmUp_AllocatesNothing()
    {
        var problem = GemmReference.Random(false, true, 130, 260, 300, beta: 1f);
        float[] c = (float[])problem.C.Clone();
        GemmMicrokernelKind kind = GemmMicrokernels.Best;
        Run(kind, problem, c);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(kind, problem, c);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void ComputeThreadsMax_BelowOne_Throws(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ComputeThreads.Max = value);
    }

    private static void Run(GemmMicrokernelKind kind, GemmReference.Problem problem, float[] c)
    {
        Gemm.Multiply(
            kind, 1, problem.TransA, problem.TransB, problem.M, problem.N, problem.K,
            problem.Alpha, problem.A, problem.Lda, problem.B, problem.Ldb,
            problem.Beta, c, problem.Ldc);
    }

    private static int[] Bits(float[] values) => MemoryMarshal.Cast<float, int>(values).ToArray();
}
