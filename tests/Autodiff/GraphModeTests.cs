using NativeGan.Tensors;
using F = NativeGan.Autodiff.Functions;

namespace NativeGan.Autodiff.Tests;

public sealed class GraphModeTests
{
    [Fact]
    public void NoGrad_Operation_ProducesConstantWithoutHistory()
    {
        var x = new Variable(Tensor.Ones(3), requiresGrad: true);
        Variable y;

        using (GradMode.NoGrad())
        {
            y = F.Sum(x * x);
        }

        Assert.True(y.IsLeaf);
        Assert.False(y.RequiresGrad);
        Assert.Throws<InvalidOperationException>(() => y.Backward());
    }

    [Fact]
    public void NoGrad_NestedScopes_RestoreOnOuterDispose()
    {
        IDisposable outer = GradMode.NoGrad();
        IDisposable inner = GradMode.NoGrad();

        inner.Dispose();
        bool enabledAfterInner = GradMode.IsEnabled;
        outer.Dispose();

        Assert.False(enabledAfterInner);
        Assert.True(GradMode.IsEnabled);
    }

    [Fact]
    public void NoGrad_ScopeDisposedTwice_DoesNotReenableEarly()
    {
        IDisposable outer = GradMode.NoGrad();
        IDisposable inner = GradMode.NoGrad();

        inner.Dispose();
        inner.Dispose();
        bool enabledInsideOuter = GradMode.IsEnabled;
        outer.Dispose();

        Assert.False(enabledInsideOuter);
        Assert.True(GradMode.IsEnabled);
    }

    [Fact]
    public void NoGrad_OnOneThread_LeavesOtherThreadsRecording()
    {
        bool otherThreadEnabled = false;
        using (GradMode.NoGrad())
        {
            var thread = new Thread(() => otherThreadEnabled = GradMode.IsEnabled);
            thread.Start();
            thread.Join();
        }

        Assert.True(otherThreadEnabled);
    }

    [Fact]
    public void Operation_NoParentRequiresGrad_ProducesConstant()
    {
        var a = new Variable(Tensor.Ones(2));
        var b = new Variable(Tensor.Ones(2));

        Variable y = a * b;

        Assert.True(y.IsLeaf);
        Assert.False(y.RequiresGrad);
    }

    [Fact]
    public void Detach_Result_SharesValueAndHasNoHistory()
    {
        var x = new Variable(Tensor.Ones(2), requiresGrad: true);
        Variable y = x * 2f;

        Variable detached = y.Detach();

        Assert.Same(y.Value, detached.Value);
        Assert.True(detached.IsLeaf);
        Assert.False(detached.RequiresGrad);
    }

    [Fact]
    public void Detach_DiscriminatorStep_LeavesGeneratorGradNull()
    {
        // Generator g(z) = tanh(z wG + bG) and discriminator d(x) = sigmoid(x wD + bD) on
        // scalars held in (4, 1) tensors. The D step trains on g(z).Detach(), so its
        // backward pass must stop at the detached value.
        var wG = new Variable(TestTensors.Uniform(1, [1, 1]), requiresGrad: true, name: "wG");
        var bG = new Variable(TestTensors.Uniform(2, [1]), requiresGrad: true, name: "bG");
        var wD = new Variable(TestTensors.Uniform(3, [1, 1]), requiresGrad: true, name: "wD");
        var bD = new Variable(TestTensors.Uniform(4, [1]), requiresGrad: true, name: "bD");
        var z = new Variable(TestTensors.Uniform(5, [4, 1]));
        Variable fake = F.Tanh(F.Linear(z, wG, bG));

        Variable scores = F.Sigmoid(F.Linear(fake.Detach(), wD, bD));
        F.Mean(F.Log(scores)).Backward();

        Assert.Null(wG.Grad);
        Assert.Null(bG.Grad);
        Assert.NotNull(wD.Grad);
        Assert.NotNull(bD.Grad);
    }

    [Fact]
    public void RequiresGrad_LeafToggledOff_StopsGradient()
    {
        var x = new Variable(Tensor.Ones(2), requiresGrad: true);
        var w = new Variable(Tensor.Ones(2), requiresGrad: true);

        w.RequiresGrad = false;
        F.Sum(x * w).Backward();

        Assert.Null(w.Grad);
        Assert.NotNull(x.Grad);
    }

    [Fact]
    public void RequiresGrad_LeafToggledOn_ReceivesGradient()
    {
        var x = new Variable(Tensor.FromArray([2f, 5f], 2));

        x.RequiresGrad = true;
        F.Sum(F.Square(x)).Backward();

        Assert.Equal([4f, 10f], x.Grad!.Data);
    }

    [Fact]
    public void RequiresGrad_SetOnResult_ThrowsNamingDetach()
    {
        var x = new Variable(Tensor.Ones(2), requiresGrad: true);
        Variable y = x * 2f;

        var error = Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);

        Assert.Contains("Detach", error.Message);
    }
}
