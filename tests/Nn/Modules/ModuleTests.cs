using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Modules;

public sealed class ModuleTests
{
    [Fact]
    public void NamedParameters_Sequential_UsesPositionPrefixes()
    {
        var rng = new Rng(1);
        var model = new Sequential(new Linear(4, 3, rng), new ReLU(), new Linear(3, 2, rng));

        string[] names = model.NamedParameters().Select(p => p.Name).ToArray();

        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], names);
    }

    [Fact]
    public void NamedParameters_NestedModules_JoinsPrefixesOwnFirst()
    {
        var model = new NetWithBuffer(new Rng(1));

        string[] names = model.NamedParameters().Select(p => p.Name).ToArray();

        Assert.Equal(["scale", "body.0.weight", "body.0.bias", "body.2.weight"], names);
    }

    [Fact]
    public void NamedParameters_Names_SetOnVariables()
    {
        var linear = new Linear(2, 2, new Rng(1));

        Assert.Equal("weight", linear.Weight.Name);
        Assert.Equal("bias", linear.Bias!.Name);
    }

    [Fact]
    public void NamedBuffers_NestedInSequential_PrefixedByPosition()
    {
        var model = new Sequential(new NetWithBuffer(new Rng(1)));

        Assert.Equal(["0.count"], model.NamedBuffers().Select(b => b.Name).ToArray());
    }

    [Fact]
    public void ParameterCount_Nested_CountsEveryValue()
    {
        var model = new NetWithBuffer(new Rng(1));

        // scale 3, Linear(4, 3) 12 + 3, Linear(3, 3) without bias 9.
        Assert.Equal(27, model.ParameterCount());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("scale")]
    [InlineData("body")]
    [InlineData("count")]
    public void RegisterParameter_InvalidOrTakenName_ThrowsWithName(string name)
    {
        var model = new NetWithBuffer(new Rng(1));

        var error = Assert.Throws<ArgumentException>(() => model.AddParameter(name));

        Assert.Contains($"'{name}'", error.Message);
    }

    [Fact]
    public void Eval_Nested_PropagatesToEveryDescendant()
    {
        var model = new NetWithBuffer(new Rng(1));

        model.Eval();

        Assert.False(model.IsTraining);
        Assert.False(model.Body.IsTraining);
        Assert.All(model.Body.Layers, layer => Assert.False(layer.IsTraining));
    }

    [Fact]
    public void Train_AfterEval_PropagatesToEveryDescendant()
    {
        var model = new NetWithBuffer(new Rng(1));
        model.Eval();

        model.Train();

        Assert.True(model.IsTraining);
        Assert.All(model.Body.Layers, layer => Assert.True(layer.IsTraining));
    }

    [Fact]
    public void Add_ToModelInEval_ChildTakesParentMode()
    {
        var model = new Sequential(new ReLU());
        model.Eval();
        var dropout = new Dropout(0.5f, new Rng(1));

        model.Add(dropout);

        Assert.False(dropout.IsTraining);
    }

    [Fact]
    public void SetRequiresGrad_False_FreezesEveryParameter()
    {
        var model = new NetWithBuffer(new Rng(1));

        model.SetRequiresGrad(false);

        Assert.All(model.Parameters(), p => Assert.False(p.RequiresGrad));
    }

    [Fact]
    public void ZeroGrad_AfterBackward_ClearsEveryGrad()
    {
        var model = new NetWithBuffer(new Rng(1));
        var input = new Autodiff.Variable(Tensor.Ones(2, 4));
        Autodiff.Functions.Sum(model.Forward(input)).Backward();

        model.ZeroGrad();

        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void Forward_Sequential_AppliesLayersInOrder()
    {
        // (x * 2 + 1) * 3 - 1 = 6x + 2; the reverse order would give 6x + 1.
        var model = new Sequential(new Affine(2f, 1f), new Affine(3f, -1f));
        var input = new Autodiff.Variable(Tensor.FromArray([0f, 1f, -2f], 3));

        float[] output = model.Forward(input).Value.Data;

        Assert.Equal([2f, 8f, -10f], output);
    }

    [Fact]
    public void Layers_Sequential_KeepsConstructionOrder()
    {
        var first = new ReLU();
        var second = new Tanh();
        var third = new Sigmoid();

        var model = new Sequential(first, second, third);

        Assert.Same(first, model.Layers[0]);
        Assert.Same(second, model.Layers[1]);
        Assert.Same(third, model.Layers[2]);
        Assert.Equal(["0", "1", "2"], model.Children().Select(c => c.Name).ToArray());
    }

    [Fact]
    public void ToString_Sequential_ListsLayers()
    {
        var model = new Sequential(new Linear(4, 3, new Rng(1)), new LeakyReLU(0.2f));

        Assert.Equal(
            "Sequential(\n  (0): Linear(4, 3, bias=true)\n  (1): LeakyReLU(0.2)\n)",
            model.ToString());
    }
}
