using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Optimizers;

public sealed class SgdTests
{
    [Theory]
    [InlineData(0.1f, 0f, 0f, 0f, false)]
    [InlineData(0.1f, 0f, 0f, 0.05f, false)]
    [InlineData(0.05f, 0.9f, 0f, 0f, false)]
    [InlineData(0.05f, 0.9f, 0.5f, 0f, false)]
    [InlineData(0.05f, 0.9f, 0.1f, 0.01f, false)]
    [InlineData(0.05f, 0.9f, 0f, 0f, true)]
    [InlineData(0.05f, 0.5f, 0f, 0.01f, true)]
    public void Step_SeveralSteps_MatchesFloat64Reference(
        float lr, float momentum, float dampening, float weightDecay, bool nesterov)
    {
        var problem = new OptimizerProblem(1);
        var sgd = new Sgd(problem.Parameters, lr, momentum, dampening, weightDecay, nesterov);
        var reference = new ReferenceSgd(
            problem.ValuesAsDouble(), lr, momentum, dampening, weightDecay, nesterov);

        for (int step = 1; step <= 8; step++)
        {
            problem.SetGradients();
            sgd.Step();
            reference.Step(problem.GradientsAt(reference.Values));

            problem.AssertClose(reference.Values, 1e-5, step);
        }
    }

    [Fact]
    public void Step_LearningRateChanged_UsesNewRate()
    {
        var p = new Variable(Tensor.FromArray([1f], 1), requiresGrad: true);
        var sgd = new Sgd([p], 0.1f);
        p.Grad = Tensor.FromArray([2f], 1);

        sgd.LearningRate = 0.25f;
        sgd.Step();

        Assert.Equal(0.5f, p.Value.Data[0]);
    }

    [Fact]
    public void Step_ParameterWithoutGrad_IsSkipped()
    {
        var problem = new OptimizerProblem(2);
        var sgd = new Sgd(problem.Parameters, 0.1f, momentum: 0.9f);
        problem.SetGradients();
        problem.Parameters[0].Grad = null;
        float[] before = (float[])problem.Parameters[0].Value.Data.Clone();

        sgd.Step();

        Assert.Equal(before, problem.Parameters[0].Value.Data);
        Assert.Equal(["1.momentum_buffer"], sgd.StateDict().Keys.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LoadStateDict_MidRun_MatchesUninterruptedRun(bool nesterov)
    {
        var uninterrupted = new OptimizerProblem(3);
        var sgdA = new Sgd(uninterrupted.Parameters, 0.05f, 0.9f, 0f, 0.01f, nesterov);
        for (int step = 0; step < 3; step++)
        {
            uninterrupted.SetGradients();
            sgdA.Step();
        }

        Dictionary<string, Tensor> saved = sgdA.StateDict();
        var resumed = new OptimizerProblem(3);
        for (int i = 0; i < resumed.Parameters.Length; i++)
        {
            resumed.Parameters[i].Value.CopyFrom(uninterrupted.Parameters[i].Value);
        }

        var sgdB = new Sgd(resumed.Parameters, 0.05f, 0.9f, 0f, 0.01f, nesterov);
        sgdB.LoadStateDict(saved, "checkpoint");
        for (int step = 0; step < 2; step++)
        {
            uninterrupted.SetGradients();
            sgdA.Step();
            resumed.SetGradients();
            sgdB.Step();
        }

        for (int i = 0; i < resumed.Parameters.Length; i++)
        {
            Assert.Equal(uninterrupted.Parameters[i].Value.Data, resumed.Parameters[i].Value.Data);
        }
    }

    [Fact]
    public void StateDict_Entries_AreCopies()
    {
        var problem = new OptimizerProblem(4);
        var sgd = new Sgd(problem.Parameters, 0.1f, momentum: 0.9f);
        problem.SetGradients();
        sgd.Step();
        Dictionary<string, Tensor> state = sgd.StateDict();
        float before = state["0.momentum_buffer"].Data[0];

        problem.SetGradients();
        sgd.Step();

        Assert.Equal(before, state["0.momentum_buffer"].Data[0]);
    }

    [Fact]
    public void LoadStateDict_WrongShape_ThrowsAndKeepsState()
    {
        var problem = new OptimizerProblem(5);
        var sgd = new Sgd(problem.Parameters, 0.1f, momentum: 0.9f);
        problem.SetGradients();
        sgd.Step();
        Dictionary<string, Tensor> before = sgd.StateDict();
        Dictionary<string, Tensor> state = sgd.StateDict();
        state["0.momentum_buffer"].Data[0] = 123f;
        state["1.momentum_buffer"] = new Tensor(15);

        var error = Assert.Throws<InvalidDataException>(() => sgd.LoadStateDict(state, "ckpt"));

        Assert.Contains("'1.momentum_buffer'", error.Message);
        Assert.Contains("(15,)", error.Message);
        Assert.Equal(before["0.momentum_buffer"].Data, sgd.StateDict()["0.momentum_buffer"].Data);
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(0.9f, 0.1f)]
    public void Constructor_NesterovWithoutMomentumOrWithDampening_Throws(
        float momentum, float dampening)
    {
        var problem = new OptimizerProblem(6);

        Assert.Throws<ArgumentException>(
            () => new Sgd(problem.Parameters, 0.1f, momentum, dampening, nesterov: true));
    }

    [Theory]
    [InlineData(-0.1f, 0f, 0f)]
    [InlineData(float.NaN, 0f, 0f)]
    [InlineData(0.1f, -0.5f, 0f)]
    [InlineData(0.1f, 0f, -0.01f)]
    public void Constructor_NegativeHyperparameter_Throws(
        float lr, float momentum, float weightDecay)
    {
        var problem = new OptimizerProblem(7);

        Assert.Throws<ArgumentOutOfRangeException>(
            () => new Sgd(problem.Parameters, lr, momentum, weightDecay: weightDecay));
    }

    /// <summary>
    /// SGD in float64, with the algorithm of the torch.optim.SGD documentation (PyTorch 2.0)
    /// for maximize off. With mu = momentum and tau = dampening, each step computes
    /// <code>
    /// g = grad + weight_decay * p
    /// if mu != 0:
    ///     b = g on the first step, else b = mu * b + (1 - tau) * g
    ///     g = g + mu * b with Nesterov, else g = b
    /// p = p - lr * g
    /// </code>
    /// </summary>
    private sealed class ReferenceSgd(
        double[][] values, double lr, double momentum, double dampening, double weightDecay,
        bool nesterov)
    {
        private double[][]? _buffers;

        public double[][] Values { get; } = values;

        public void Step(double[][] gradients)
        {
            bool first = _buffers is null;
            _buffers ??= Values.Select(p => new double[p.Length]).ToArray();
            for (int i = 0; i < Values.Length; i++)
            {
                for (int j = 0; j < Values[i].Length; j++)
                {
                    double g = gradients[i][j] + weightDecay * Values[i][j];
                    if (momentum != 0)
                    {
                        _buffers[i][j] = first
                            ? g
                            : momentum * _buffers[i][j] + (1 - dampening) * g;
                        g = nesterov ? g + momentum * _buffers[i][j] : _buffers[i][j];
                    }

                    Values[i][j] -= lr * g;
                }
            }
        }
    }
}
