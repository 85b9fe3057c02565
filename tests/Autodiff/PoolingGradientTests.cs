using NativeGan.Tensors;
using NativeGan.Tensors.Pooling;
using F = NativeGan.Autodiff.Functions;

namespace NativeGan.Autodiff.Tests;

public sealed class PoolingGradientTests
{
    private sealed record PoolCase(int[] Shape, Pool2dOptions Options);

    private static readonly Dictionary<string, PoolCase> Cases = new()
    {
        ["k2"] = new([2, 3, 5, 7], new Pool2dOptions(2)),
        ["k3 s2 p1"] = new([2, 2, 7, 5], new Pool2dOptions(3, 2, 1)),
        ["k(3,2) s(2,1) p(1,0)"] = new([1, 3, 7, 6], new Pool2dOptions((3, 2), (2, 1), (1, 0))),
        ["k3 s1 p1"] = new([1, 2, 5, 5], new Pool2dOptions(3, 1, 1)),
        ["k2 ceil"] = new([2, 2, 5, 7], new Pool2dOptions(2, ceilMode: true)),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    public static TheoryData<string, bool> AvgCaseNames()
    {
        var data = new TheoryData<string, bool>();
        foreach (string name in Cases.Keys)
        {
            data.Add(name, true);
            data.Add(name, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    [InlineData("k3 d2")]
    public void MaxPool2dBackward_DistinctValues_MatchesFiniteDifferences(string name)
    {
        PoolCase op = name == "k3 d2"
            ? new PoolCase([1, 2, 9, 8], new Pool2dOptions(3, 2, 1, 2))
            : Cases[name];

        GradientCheckResult result = GradientCheck.Check(
            v => F.MaxPool2d(v[0], op.Options), [DistinctValues(60, op.Shape)]);

        Assert.True(result.Passed, $"{name}: {result.Worst}");
    }

    [Theory]
    [MemberData(nameof(AvgCaseNames))]
    public void AvgPool2dBackward_RandomInput_MatchesFiniteDifferences(
        string name, bool countIncludePad)
    {
        PoolCase op = Cases[name];

        GradientCheckResult result = GradientCheck.Check(
            v => F.AvgPool2d(v[0], op.Options, countIncludePad),
            [TestTensors.Uniform(61, op.Shape)]);

        Assert.True(result.Passed, $"{name}: {result.Worst}");
    }

    [Fact]
    public void MaxPool2d_SizeOverloads_MatchOptions()
    {
        Tensor x = DistinctValues(62, [1, 2, 7, 7]);

        Tensor fromOptions = F.MaxPool2d(new Variable(x), new Pool2dOptions(3, 2, 1)).Value;
        Tensor fromSizes = F.MaxPool2d(new Variable(x), 3, 2, 1).Value;

        Assert.Equal(fromOptions.Shape, fromSizes.Shape);
        Assert.Equal(fromOptions.Data, fromSizes.Data);
    }

    // A shuffled ramp with steps of 0.05, more than twice the check's step of 1e-2, so no
    // perturbation changes which element of a window is the maximum.
    private static Tensor DistinctValues(ulong seed, int[] shape)
    {
        var tensor = new Tensor(shape);
        var rng = new Rng(seed);
        for (int i = 0; i < tensor.Length; i++)
        {
            tensor.Data[i] = (i - tensor.Length / 2) * 0.05f;
        }

        for (int i = tensor.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (tensor.Data[i], tensor.Data[j]) = (tensor.Data[j], tensor.Data[i]);
        }

        return tensor;
    }
}
