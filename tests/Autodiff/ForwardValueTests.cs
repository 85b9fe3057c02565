using NativeGan.Tensors;
using F = NativeGan.Autodiff.Functions;

namespace NativeGan.Autodiff.Tests;

public sealed class ForwardValueTests
{
    [Theory]
    [InlineData(float.NegativeInfinity)]
    [InlineData(-1f)]
    [InlineData(0f)]
    [InlineData(2f)]
    [InlineData(float.PositiveInfinity)]
    public void Relu_SpecialInputs_MatchesMaxWithZero(float input)
    {
        var x = new Variable(Tensor.FromArray([input], 1), requiresGrad: true);

        float result = F.Relu(x).Value.Item();

        Assert.Equal(MathF.Max(input, 0f), result);
    }

    [Fact]
    public void Functions_RandomInput_MatchTensorOps()
    {
        // The autodiff forward values must be exactly the tensor kernels' results.
        Tensor values = TestTensors.AwayFromZero(1, [5, 7]);
        var x = new Variable(values, requiresGrad: true);

        Assert.Equal(TensorOps.Relu(values).Data, F.Relu(x).Value.Data);
        Assert.Equal(TensorOps.LeakyRelu(values, 0.2f).Data, F.LeakyRelu(x, 0.2f).Value.Data);
        Assert.Equal(TensorOps.Tanh(values).Data, F.Tanh(x).Value.Data);
        Assert.Equal(TensorOps.Sigmoid(values).Data, F.Sigmoid(x).Value.Data);
        Assert.Equal(TensorOps.Exp(values).Data, F.Exp(x).Value.Data);
        Assert.Equal(TensorOps.Square(values).Data, F.Square(x).Value.Data);
        Assert.Equal(TensorOps.Sum(values, 1).Data, F.Sum(x, 1).Value.Data);
    }

    [Fact]
    public void Linear_WithBias_EqualsMatMulPlusBias()
    {
        Tensor input = TestTensors.Uniform(2, [4, 3]);
        Tensor weight = TestTensors.Uniform(3, [5, 3]);
        Tensor bias = TestTensors.Uniform(4, [5]);

        Tensor y = F.Linear(new Variable(input), new Variable(weight), new Variable(bias)).Value;

        Tensor expected = TensorOps.Add(TensorOps.MatMul(input, weight, transposeB: true), bias);
        Assert.Equal(expected.Data, y.Data);
    }

    [Theory]
    [InlineData(new[] { 4, 2 }, new[] { 5, 3 }, new[] { 5 })]
    [InlineData(new[] { 4, 3 }, new[] { 5, 3 }, new[] { 3 })]
    [InlineData(new[] { 4, 3 }, new[] { 5, 3 }, new[] { 1, 5 })]
    [InlineData(new[] { 3 }, new[] { 5, 3 }, new[] { 5 })]
    public void Linear_MismatchedShapes_ThrowsWithShapes(int[] input, int[] weight, int[] bias)
    {
        var x = new Variable(new Tensor(input));
        var w = new Variable(new Tensor(weight));
        var b = new Variable(new Tensor(bias));

        var error = Assert.Throws<ArgumentException>(() => F.Linear(x, w, b));

        Assert.Contains("(5, 3)", error.Message);
    }
}
