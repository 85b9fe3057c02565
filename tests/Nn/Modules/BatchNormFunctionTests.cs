using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Modules;

public sealed class BatchNormFunctionTests
{
    [Fact]
    public void BatchNorm_EvalWithoutRunningStatistics_Throws()
    {
        var x = new Variable(new Tensor(4, 3));

        var error = Assert.Throws<ArgumentException>(
            () => Functions.BatchNorm(x, null, null, null, null, false, 0.1, 1e-5));

        Assert.Contains("required in evaluation mode", error.Message);
    }

    [Fact]
    public void BatchNorm_OnlyRunningMean_Throws()
    {
        var x = new Variable(new Tensor(4, 3));

        var error = Assert.Throws<ArgumentException>(() => Functions.BatchNorm(
            x, null, null, Tensor.Zeros(3), null, true, 0.1, 1e-5));

        Assert.Contains("must be given together", error.Message);
    }

    [Theory]
    [InlineData("weight")]
    [InlineData("bias")]
    [InlineData("running_mean")]
    [InlineData("running_var")]
    public void BatchNorm_ChannelVectorMismatch_ThrowsWithBothShapes(string name)
    {
        var x = new Variable(new Tensor(2, 3, 4, 5));
        Tensor wrong = Tensor.Ones(4);
        Tensor right = Tensor.Ones(3);

        var error = Assert.Throws<ArgumentException>(() => Functions.BatchNorm(
            x,
            new Variable(name == "weight" ? wrong : right),
            new Variable(name == "bias" ? wrong : right),
            name == "running_mean" ? wrong : right,
            name == "running_var" ? wrong : right,
            true, 0.1, 1e-5));

        Assert.Contains($"{name} has shape (4,)", error.Message);
        Assert.Contains("(2, 3, 4, 5)", error.Message);
        Assert.Contains("(3,)", error.Message);
    }

    [Theory]
    [InlineData(-0.5, 1e-5, "momentum -0.5")]
    [InlineData(0.1, 0.0, "eps 0")]
    public void BatchNorm_InvalidHyperparameter_ThrowsWithValue(
        double momentum, double eps, string text)
    {
        var x = new Variable(new Tensor(4, 3));

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Functions.BatchNorm(x, null, null, null, null, true, momentum, eps));

        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void BatchNorm_RunningStatsChangedLater_GradientUnchanged()
    {
        // The rule must use the statistics of the forward pass, even if a training step
        // updates the running buffers before Backward runs.
        var x = new Variable(Tensor.Ones(2, 3), requiresGrad: true);
        Tensor runningMean = Tensor.Zeros(3);
        Tensor runningVar = Tensor.Full(4f, 3);
        Variable y = Functions.BatchNorm(x, null, null, runningMean, runningVar, false, 0.1, 1e-5);

        runningVar.AsSpan().Fill(100f);
        Functions.Sum(y).Backward();

        Assert.All(x.Grad!.Data, g => Assert.Equal(1 / Math.Sqrt(4 + 1e-5), g, 1e-7));
    }
}
