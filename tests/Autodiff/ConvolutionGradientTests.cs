using NativeGan.Tensors;
using F = NativeGan.Autodiff.Functions;

namespace NativeGan.Autodiff.Tests;

public sealed class ConvolutionGradientTests
{
    private sealed record OpCase(Func<Variable[], Variable> Function, Func<Tensor[]> Inputs);

    // Small shapes with odd sizes and every hyperparameter different from its default, so
    // that each element of x, weight and bias is perturbed in a few hundred evaluations.
    private static readonly Dictionary<string, OpCase> Cases = new()
    {
        ["Conv2d with bias"] = new(
            v => F.Conv2d(v[0], v[1], v[2], (2, 1), (1, 0), (1, 2)),
            () => [Uniform(1, 2, 3, 5, 4), Uniform(2, 2, 3, 3, 2), Uniform(3, 2)]),
        ["Conv2d without bias"] = new(
            v => F.Conv2d(v[0], v[1], null, 2, 1, 1),
            () => [Uniform(4, 2, 2, 5, 5), Uniform(5, 3, 2, 3, 3)]),
        ["Conv2d covering the input"] = new(
            v => F.Conv2d(v[0], v[1], v[2], 1, 0, 1),
            () => [Uniform(6, 3, 2, 3, 3), Uniform(7, 1, 2, 3, 3), Uniform(8, 1)]),
        ["ConvTranspose2d with bias"] = new(
            v => F.ConvTranspose2d(v[0], v[1], v[2], 2, 1, 1, 1),
            () => [Uniform(9, 2, 3, 3, 2), Uniform(10, 3, 2, 3, 3), Uniform(11, 2)]),
        ["ConvTranspose2d dilated"] = new(
            v => F.ConvTranspose2d(v[0], v[1], null, (1, 2), (0, 1), (1, 0), (2, 1)),
            () => [Uniform(12, 2, 2, 3, 3), Uniform(13, 2, 3, 2, 3)]),
        ["ConvTranspose2d from 1x1"] = new(
            v => F.ConvTranspose2d(v[0], v[1], v[2], 1, 0, 0, 1),
            () => [Uniform(14, 3, 4, 1, 1), Uniform(15, 4, 2, 3, 3), Uniform(16, 2)]),
        ["Conv2d, LeakyRelu, ConvTranspose2d"] = new(
            v => F.ConvTranspose2d(
                F.LeakyRelu(F.Conv2d(v[0], v[1], null, 2, 1, 1), 0.2f), v[2], null, 2, 1, 1, 1),
            () => [Uniform(17, 2, 1, 6, 6), Uniform(18, 3, 1, 4, 4), Uniform(19, 3, 1, 4, 4)]),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Backward_Convolution_MatchesFiniteDifferences(string name)
    {
        OpCase op = Cases[name];

        GradientCheckResult result = GradientCheck.Check(op.Function, op.Inputs());

        Assert.True(result.Passed, $"{name}: {result.Worst}");
    }

    [Fact]
    public void Conv2d_InputWithoutGrad_LeavesItsGradNull()
    {
        var x = new Variable(Uniform(20, 2, 1, 6, 6));
        var w = new Variable(Uniform(21, 3, 1, 3, 3), requiresGrad: true);

        F.Sum(F.Conv2d(x, w, null, 1, 1, 1)).Backward();

        Assert.Null(x.Grad);
        Assert.NotNull(w.Grad);
    }

    [Fact]
    public void Conv2d_BiasOfWrongLength_ThrowsWithShapes()
    {
        var x = new Variable(Uniform(22, 1, 2, 5, 5));
        var w = new Variable(Uniform(23, 3, 2, 3, 3));
        var b = new Variable(Uniform(24, 2));

        var error = Assert.Throws<ArgumentException>(() => F.Conv2d(x, w, b, 1, 0, 1));

        Assert.Contains("(2,)", error.Message);
        Assert.Contains("(3, 2, 3, 3)", error.Message);
    }

    [Fact]
    public void ConvTranspose2d_BiasOfWrongLength_ThrowsWithShapes()
    {
        var x = new Variable(Uniform(25, 1, 2, 3, 3));
        var w = new Variable(Uniform(26, 2, 4, 3, 3));
        var b = new Variable(Uniform(27, 2));

        var error = Assert.Throws<ArgumentException>(
            () => F.ConvTranspose2d(x, w, b, 1, 0, 0, 1));

        Assert.Contains("(2,)", error.Message);
        Assert.Contains("(2, 4, 3, 3)", error.Message);
    }

    private static Tensor Uniform(ulong seed, params int[] shape) =>
        TestTensors.Uniform(seed, shape, -1f, 1f);
}
