using NativeGan.Tensors;
using F = NativeGan.Autodiff.Functions;

namespace NativeGan.Autodiff.Tests;

public sealed class GradientCheckTests
{
    private sealed record OpCase(Func<Variable[], Variable> Function, Func<Tensor[]> Inputs);

    // One entry per differentiable operation of Functions, with broadcasting variants for
    // the binary ops. Inputs stay away from kinks (ReLU at 0) and from poles (1/x, log x).
    private static readonly Dictionary<string, OpCase> Cases = new()
    {
        ["Add same shape"] = new(
            v => F.Add(v[0], v[1]), () => [Uniform(1, 2, 3), Uniform(2, 2, 3)]),
        ["Add (3,1,5) + (4,1)"] = new(
            v => F.Add(v[0], v[1]), () => [Uniform(1, 3, 1, 5), Uniform(2, 4, 1)]),
        ["Add (7,) + (5,7)"] = new(
            v => F.Add(v[0], v[1]), () => [Uniform(1, 7), Uniform(2, 5, 7)]),
        ["Add rank-0 + (2,3)"] = new(
            v => F.Add(v[0], v[1]), () => [Uniform(1), Uniform(2, 2, 3)]),
        ["Subtract (3,1,5) - (4,1)"] = new(
            v => F.Subtract(v[0], v[1]), () => [Uniform(3, 3, 1, 5), Uniform(4, 4, 1)]),
        ["Subtract (5,7) - (7,)"] = new(
            v => F.Subtract(v[0], v[1]), () => [Uniform(3, 5, 7), Uniform(4, 7)]),
        ["Multiply same shape"] = new(
            v => F.Multiply(v[0], v[1]), () => [Uniform(5, 4, 3), Uniform(6, 4, 3)]),
        ["Multiply (3,1,5) * (4,1)"] = new(
            v => F.Multiply(v[0], v[1]), () => [Uniform(5, 3, 1, 5), Uniform(6, 4, 1)]),
        ["Multiply (2,3) * rank-0"] = new(
            v => F.Multiply(v[0], v[1]), () => [Uniform(5, 2, 3), Uniform(6)]),
        ["Divide same shape"] = new(
            v => F.Divide(v[0], v[1]), () => [Uniform(7, 3, 4), AwayFromZero(8, 3, 4)]),
        ["Divide (5,7) / (7,)"] = new(
            v => F.Divide(v[0], v[1]), () => [Uniform(7, 5, 7), AwayFromZero(8, 7)]),
        ["Divide (1,3) / (4,1)"] = new(
            v => F.Divide(v[0], v[1]), () => [Uniform(7, 1, 3), AwayFromZero(8, 4, 1)]),
        ["Negate"] = new(v => F.Negate(v[0]), () => [Uniform(9, 3, 5)]),
        ["Scale"] = new(v => F.Scale(v[0], -1.5f), () => [Uniform(10, 3, 5)]),
        ["AddScalar"] = new(v => F.AddScalar(v[0], 0.25f), () => [Uniform(11, 3, 5)]),
        ["Square"] = new(v => F.Square(v[0]), () => [Uniform(12, 3, 5)]),
        ["Relu"] = new(v => F.Relu(v[0]), () => [AwayFromZero(13, 4, 6)]),
        ["LeakyRelu"] = new(v => F.LeakyRelu(v[0], 0.2f), () => [AwayFromZero(14, 4, 6)]),
        ["Tanh"] = new(v => F.Tanh(v[0]), () => [Uniform(15, 4, 6)]),
        ["Sigmoid"] = new(v => F.Sigmoid(v[0]), () => [Uniform(16, 4, 6)]),
        ["Exp"] = new(v => F.Exp(v[0]), () => [Uniform(17, 4, 6)]),
        ["Log"] = new(v => F.Log(v[0]), () => [TestTensors.Uniform(18, [4, 6], 0.5f, 3f)]),
        ["Sum"] = new(v => F.Sum(v[0]), () => [Uniform(19, 3, 4, 5)]),
        ["Mean"] = new(v => F.Mean(v[0]), () => [Uniform(20, 3, 4, 5)]),
        ["Sum axis 0"] = new(v => F.Sum(v[0], 0), () => [Uniform(21, 3, 4, 5)]),
        ["Sum axis 1 keepDims"] = new(v => F.Sum(v[0], 1, true), () => [Uniform(22, 3, 4, 5)]),
        ["Sum axis -1"] = new(v => F.Sum(v[0], -1), () => [Uniform(23, 3, 4, 5)]),
        ["Reshape"] = new(
            v => F.Multiply(F.Reshape(v[0], 4, -1), v[1]),
            () => [Uniform(24, 2, 3, 2), Uniform(25, 3)]),
        ["MatMul"] = new(v => F.MatMul(v[0], v[1]), () => [Uniform(26, 3, 4), Uniform(27, 4, 5)]),
        ["MatMul vector"] = new(
            v => F.MatMul(v[0], v[1]), () => [Uniform(26, 1, 7), Uniform(27, 7, 1)]),
        ["Linear with bias"] = new(
            v => F.Linear(v[0], v[1], v[2]),
            () => [Uniform(28, 4, 3), Uniform(29, 5, 3), Uniform(30, 5)]),
        ["Linear without bias"] = new(
            v => F.Linear(v[0], v[1], null), () => [Uniform(31, 4, 3), Uniform(32, 5, 3)]),
        ["Two-layer network"] = new(
            v => F.Sigmoid(F.Linear(F.LeakyRelu(F.Linear(v[0], v[1], v[2]), 0.2f), v[3], null)),
            () => [Uniform(33, 3, 4), Uniform(34, 5, 4), Uniform(35, 5), Uniform(36, 2, 5)]),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Backward_Operation_MatchesFiniteDifferences(string name)
    {
        OpCase op = Cases[name];

        GradientCheckResult result = GradientCheck.Check(op.Function, op.Inputs());

        Assert.True(result.Passed, $"{name}: {result.Worst}");
    }

    [Fact]
    public void Check_WrongBackwardRule_Fails()
    {
        // Value x^2 with a backward rule of x instead of 2x: the check must catch it.
        static Variable WrongSquare(Variable[] v) =>
            Variable.FromOperation(TensorOps.Square(v[0].Value), [v[0]], dY =>
                [TensorOps.Multiply(dY, v[0].Value)]);

        GradientCheckResult result = GradientCheck.Check(WrongSquare, [Uniform(40, 3, 3)]);

        Assert.False(result.Passed);
    }

    [Fact]
    public void Check_WrongBroadcastReduction_Fails()
    {
        // Broadcast add whose rule returns the mean instead of the sum over broadcast dims.
        static Variable WrongAdd(Variable[] v) =>
            Variable.FromOperation(TensorOps.Add(v[0].Value, v[1].Value), [v[0], v[1]], dY =>
            [
                TensorOps.SumTo(dY, v[0].Shape),
                TensorOps.Scale(TensorOps.SumTo(dY, v[1].Shape), 1f / 4f),
            ]);

        GradientCheckResult result = GradientCheck.Check(
            WrongAdd, [Uniform(41, 4, 3), Uniform(42, 3)]);

        Assert.False(result.Passed);
    }

    private static Tensor Uniform(ulong seed, params int[] shape) =>
        TestTensors.Uniform(seed, shape);

    private static Tensor AwayFromZero(ulong seed, params int[] shape) =>
        TestTensors.AwayFromZero(seed, shape);
}
