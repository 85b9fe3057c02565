using NativeGan.Tensors;
using F = NativeGan.Autodiff.Functions;

namespace NativeGan.Autodiff.Tests;

public sealed class BackwardTests
{
    [Fact]
    public void Backward_ValueUsedTwice_AccumulatesBothPaths()
    {
        // y = sum(x * x + x), so dy/dx = 2x + 1.
        Tensor values = TestTensors.Uniform(1, [33]);
        var x = new Variable(values, requiresGrad: true);

        F.Sum(x * x + x).Backward();

        Assert.NotNull(x.Grad);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(2.0 * values.Data[i] + 1.0, x.Grad.Data[i], 1e-6);
        }
    }

    [Fact]
    public void Backward_DiamondGraph_SumsBranches()
    {
        // z = a * b feeds y = z + 2 z, so dy/da = 3 b.
        Tensor bValues = TestTensors.Uniform(2, [7]);
        var a = new Variable(TestTensors.Uniform(3, [7]), requiresGrad: true);
        var b = new Variable(bValues);
        Variable z = a * b;

        F.Sum(z + z * 2f).Backward();

        Assert.NotNull(a.Grad);
        for (int i = 0; i < bValues.Length; i++)
        {
            Assert.Equal(3.0 * bValues.Data[i], a.Grad.Data[i], 1e-6);
        }
    }

    [Fact]
    public void Backward_BroadcastOperands_SumsOverBroadcastDims()
    {
        var a = new Variable(new Tensor(3, 1), requiresGrad: true);
        var b = new Variable(new Tensor(1, 4), requiresGrad: true);
        var c = new Variable(new Tensor(), requiresGrad: true);

        F.Sum(a + b + c).Backward();

        Assert.Equal(a.Shape, a.Grad!.Shape);
        Assert.All(a.Grad.Data, g => Assert.Equal(4f, g));
        Assert.Equal(b.Shape, b.Grad!.Shape);
        Assert.All(b.Grad.Data, g => Assert.Equal(3f, g));
        Assert.Equal(12f, c.Grad!.Item());
    }

    [Fact]
    public void Backward_TwoCalls_AccumulatesLeafGrad()
    {
        var x = new Variable(Tensor.FromArray([1f, -2f, 3f], 3), requiresGrad: true);

        F.Sum(F.Square(x)).Backward();
        F.Sum(F.Square(x)).Backward();

        Assert.Equal([4f, -8f, 12f], x.Grad!.Data);
    }

    [Fact]
    public void Backward_SameGraphTwice_AccumulatesLeafGrad()
    {
        var x = new Variable(Tensor.FromArray([1f, 2f], 2), requiresGrad: true);
        Variable loss = F.Sum(x * 3f);

        loss.Backward();
        loss.Backward();

        Assert.Equal([6f, 6f], x.Grad!.Data);
    }

    [Fact]
    public void ZeroGrad_AfterBackward_ClearsGrad()
    {
        var x = new Variable(Tensor.Ones(2), requiresGrad: true);
        F.Sum(x).Backward();

        x.ZeroGrad();

        Assert.Null(x.Grad);
    }

    [Fact]
    public void Backward_LeafGrad_DoesNotAliasUpstreamGradient()
    {
        // AddScalar passes dY through unchanged. The leaf must get its own copy, so that
        // accumulating into it later cannot change the caller's gradient tensor.
        var x = new Variable(new Tensor(3), requiresGrad: true);
        Tensor gradient = Tensor.Ones(3);

        F.AddScalar(x, 1f).Backward(gradient);
        F.AddScalar(x, 1f).Backward(gradient);

        Assert.All(gradient.Data, g => Assert.Equal(1f, g));
        Assert.All(x.Grad!.Data, g => Assert.Equal(2f, g));
    }

    [Fact]
    public void Backward_NonScalarWithoutGradient_ThrowsWithShape()
    {
        var x = new Variable(new Tensor(2, 3), requiresGrad: true);

        var error = Assert.Throws<InvalidOperationException>(() => (x * 2f).Backward());

        Assert.Contains("(2, 3)", error.Message);
    }

    [Fact]
    public void Backward_NonScalarWithGradient_ComputesVectorJacobianProduct()
    {
        var x = new Variable(Tensor.FromArray([1f, 2f, 3f], 3), requiresGrad: true);
        Tensor gradient = Tensor.FromArray([1f, 10f, 100f], 3);

        F.Square(x).Backward(gradient);

        Assert.Equal([2f, 40f, 600f], x.Grad!.Data);
    }

    [Fact]
    public void Backward_GradientOfWrongShape_ThrowsWithBothShapes()
    {
        var x = new Variable(new Tensor(2, 3), requiresGrad: true);

        var error = Assert.Throws<ArgumentException>(() => (x * 2f).Backward(new Tensor(3, 2)));

        Assert.Contains("(3, 2)", error.Message);
        Assert.Contains("(2, 3)", error.Message);
    }

    [Fact]
    public void Backward_ScalarOfRankOne_Works()
    {
        var x = new Variable(Tensor.FromArray([2f], 1), requiresGrad: true);

        F.Square(x).Backward();

        Assert.Equal(4f, x.Grad!.Item());
    }

    [Fact]
    public void Backward_ConstantResult_Throws()
    {
        var x = new Variable(Tensor.Ones(2));

        Assert.Throws<InvalidOperationException>(() => F.Sum(x).Backward());
    }

    [Fact]
    public void Backward_RuleReturnsWrongShape_ThrowsWithShapes()
    {
        var x = new Variable(new Tensor(2, 3), requiresGrad: true);
        Variable y = Variable.FromOperation(Tensor.Scalar(0f), [x], _ => [new Tensor(3, 2)]);

        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());

        Assert.Contains("(3, 2)", error.Message);
        Assert.Contains("(2, 3)", error.Message);
    }

    [Fact]
    public void Backward_FrozenLeaf_GetsNoGrad()
    {
        var w = new Variable(Tensor.FromArray([2f, 3f], 2), requiresGrad: false);
        var x = new Variable(Tensor.FromArray([5f, 7f], 2), requiresGrad: true);

        F.Sum(w * x).Backward();

        Assert.Null(w.Grad);
        Assert.Equal([2f, 3f], x.Grad!.Data);
    }

    [Fact]
    public void Backward_ConstantParentsOfMatMul_GetNoGradient()
    {
        var a = new Variable(TestTensors.Uniform(4, [3, 4]));
        var b = new Variable(TestTensors.Uniform(5, [4, 2]), requiresGrad: true);

        F.Sum(F.MatMul(a, b)).Backward();

        Assert.Null(a.Grad);
        Assert.NotNull(b.Grad);
    }

    [Fact]
    public void Backward_DeepChainOf10000Ops_DoesNotOverflowStack()
    {
        // A recursive graph walk needs one stack frame per op: about 1 MB for 10,000 frames
        // of roughly 100 bytes (an estimate), more than the 256 KiB stack given here. So
        // this test fails, by crashing the test run, unless the walk is iterative.
        var x = new Variable(Tensor.FromArray([1f], 1), requiresGrad: true);
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    Variable y = x;
                    for (int i = 0; i < 10_000; i++)
                    {
                        y = F.AddScalar(y, 1e-4f);
                    }

                    F.Sum(y).Backward();
                }
                catch (Exception error)
                {
                    failure = error;
                }
            },
            maxStackSize: 256 * 1024);

        thread.Start();
        thread.Join();

        Assert.Null(failure);
        Assert.Equal(1f, x.Grad!.Item());
    }

    [Fact]
    public void Reshape_Backward_HasInputShape()
    {
        var x = new Variable(TestTensors.Uniform(6, [2, 3, 4]), requiresGrad: true);

        F.Sum(F.Reshape(x, -1, 6)).Backward();

        Assert.Equal(x.Shape, x.Grad!.Shape);
    }

    [Fact]
    public void Operators_SameAsFunctions_GiveSameValues()
    {
        var a = new Variable(TestTensors.Uniform(7, [3, 4]));
        var b = new Variable(TestTensors.AwayFromZero(8, [4]));

        Assert.Equal(F.Add(a, b).Value.Data, (a + b).Value.Data);
        Assert.Equal(F.Subtract(a, b).Value.Data, (a - b).Value.Data);
        Assert.Equal(F.Multiply(a, b).Value.Data, (a * b).Value.Data);
        Assert.Equal(F.Divide(a, b).Value.Data, (a / b).Value.Data);
        Assert.Equal(F.Negate(a).Value.Data, (-a).Value.Data);
        Assert.Equal(F.Scale(a, 3f).Value.Data, (3f * a).Value.Data);
        Assert.Equal(F.Scale(a, 3f).Value.Data, (a * 3f).Value.Data);
        Assert.Equal(F.AddScalar(a, 3f).Value.Data, (a + 3f).Value.Data);
    }
}
