using NativeGan.Tensors;
using F = NativeGan.Autodiff.Functions;

namespace NativeGan.Autodiff.Tests;

public sealed class BatchNormGradientTests
{
    private const double Eps = 1e-5;

    private sealed record BatchNormCase(int[] Shape, bool Affine, bool Training);

    // Rank 2 runs the kernels' column loops and ranks 3 and 4 the plane loops.
    private static readonly Dictionary<string, BatchNormCase> Cases = new()
    {
        ["training (3, 5, 7, 9) affine"] = new([3, 5, 7, 9], Affine: true, Training: true),
        ["training (6, 7) affine"] = new([6, 7], Affine: true, Training: true),
        ["training (4, 3, 5) plain"] = new([4, 3, 5], Affine: false, Training: true),
        ["training (2, 2, 1, 3) affine"] = new([2, 2, 1, 3], Affine: true, Training: true),
        ["eval (3, 5, 7, 9) affine"] = new([3, 5, 7, 9], Affine: true, Training: false),
        ["eval (6, 7) plain"] = new([6, 7], Affine: false, Training: false),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Backward_BatchNorm_MatchesFiniteDifferences(string name)
    {
        BatchNormCase op = Cases[name];
        int channels = op.Shape[1];
        Tensor? runningMean = null;
        Tensor? runningVar = null;
        if (!op.Training)
        {
            runningMean = TestTensors.Uniform(50, [channels], -1f, 1f);
            runningVar = TestTensors.Uniform(51, [channels], 0.3f, 2f);
        }

        List<Tensor> inputs = [TestTensors.Uniform(52, op.Shape)];
        if (op.Affine)
        {
            inputs.Add(TestTensors.Uniform(53, [channels], 0.5f, 1.5f));
            inputs.Add(TestTensors.Uniform(54, [channels], -1f, 1f));
        }

        GradientCheckResult result = GradientCheck.Check(
            v => F.BatchNorm(
                v[0], op.Affine ? v[1] : null, op.Affine ? v[2] : null, runningMean,
                runningVar, op.Training, 0.1, Eps),
            inputs.ToArray());

        Assert.True(result.Passed, $"{name}: {result.Worst}");
    }

    [Fact]
    public void Backward_BatchStatisticsHeldConstant_FailsCheck()
    {
        // Evaluation mode with the batch's own statistics gives the training-mode values,
        // but its rule leaves out the gradient through the mean and variance.
        static Variable Frozen(Variable[] v)
        {
            Tensor x = v[0].Value;
            int channels = x.Shape[1];
            var mean = new Tensor(channels);
            var variance = new Tensor(channels);
            for (int c = 0; c < channels; c++)
            {
                double[] column = Enumerable.Range(0, x.Shape[0])
                    .Select(n => (double)x[n, c]).ToArray();
                double average = column.Average();
                mean.Data[c] = (float)average;
                variance.Data[c] = (float)column.Average(
                    value => (value - average) * (value - average));
            }

            return F.BatchNorm(v[0], null, null, mean, variance, false, 0.1, Eps);
        }

        GradientCheckResult result = GradientCheck.Check(
            Frozen, [TestTensors.Uniform(55, [5, 3])]);

        Assert.False(result.Passed);
    }

    [Fact]
    public void Backward_WeightFrozen_SkipsWeightGradient()
    {
        var x = new Variable(TestTensors.Uniform(56, [4, 3, 2]), requiresGrad: true);
        var weight = new Variable(Tensor.Ones(3), requiresGrad: false);
        var bias = new Variable(Tensor.Zeros(3), requiresGrad: true);

        F.Sum(F.BatchNorm(x, weight, bias, null, null, true, 0.1, Eps)).Backward();

        Assert.NotNull(x.Grad);
        Assert.Null(weight.Grad);
        Assert.All(bias.Grad!.Data, g => Assert.Equal(8f, g));
    }
}
