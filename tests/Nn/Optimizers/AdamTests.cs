using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Optimizers;

public sealed class AdamTests
{
    [Theory]
    [InlineData(1e-3f, 0.9f, 0.999f, 1e-8f, 0f)]
    [InlineData(2e-4f, 0.5f, 0.999f, 1e-8f, 0f)]
    [InlineData(1e-2f, 0.0f, 0.9f, 1e-3f, 0f)]
    [InlineData(5e-3f, 0.9f, 0.99f, 1e-8f, 0.1f)]
    public void Step_SeveralSteps_MatchesFloat64Reference(
        float lr, float beta1, float beta2, float eps, float weightDecay)
    {
        var problem = new OptimizerProblem(1);
        var adam = new Adam(problem.Parameters, lr, beta1, beta2, eps, weightDecay);
        var reference = new ReferenceAdam(
            problem.ValuesAsDouble(), lr, beta1, beta2, eps, weightDecay);

        for (int step = 1; step <= 8; step++)
        {
            problem.SetGradients();
            adam.Step();
            reference.Step(problem.GradientsAt(reference.Values));

            problem.AssertClose(reference.Values, 1e-5, step);
        }

        Assert.All(adam.StepCounts, count => Assert.Equal(8, count));
    }

    [Fact]
    public void Step_ParameterWithoutGrad_IsSkipped()
    {
        var problem = new OptimizerProblem(2);
        var adam = new Adam(problem.Parameters, 1e-2f);
        problem.SetGradients();
        problem.Parameters[1].Grad = null;
        float[] before = (float[])problem.Parameters[1].Value.Data.Clone();

        adam.Step();

        Assert.Equal(before, problem.Parameters[1].Value.Data);
    }

    [Fact]
    public void Step_FirstGradLate_UsesOwnStepCount()
    {
        // torch.optim.Adam keeps 'step' in each parameter's own state and advances it only
        // when that parameter has a gradient, so a parameter whose first gradient comes on
        // the optimizer's second step gets the bias correction of t = 1.
        var problem = new OptimizerProblem(3);
        var adam = new Adam(problem.Parameters, 1e-2f);
        problem.SetGradients();
        problem.Parameters[1].Grad = null;
        adam.Step();
        var reference = new ReferenceAdam(
            [problem.ValuesAsDouble()[1]], 1e-2f, 0.9f, 0.999f, 1e-8f, 0f);

        problem.SetGradients();
        reference.Step([problem.GradientsAt(problem.ValuesAsDouble())[1]]);
        adam.Step();

        float[] actual = problem.Parameters[1].Value.Data;
        for (int j = 0; j < actual.Length; j++)
        {
            Assert.Equal(reference.Values[0][j], actual[j], 1e-6);
        }
    }

    [Fact]
    public void LoadStateDict_MidRun_MatchesUninterruptedRun()
    {
        var uninterrupted = new OptimizerProblem(4);
        var adamA = new Adam(uninterrupted.Parameters, 1e-2f, weightDecay: 0.01f);
        for (int step = 0; step < 3; step++)
        {
            uninterrupted.SetGradients();
            adamA.Step();
        }

        // Resume: fresh parameters with the saved values and a fresh optimizer.
        Dictionary<string, Tensor> saved = adamA.StateDict();
        var resumed = new OptimizerProblem(4);
        for (int i = 0; i < resumed.Parameters.Length; i++)
        {
            resumed.Parameters[i].Value.CopyFrom(uninterrupted.Parameters[i].Value);
        }

        var adamB = new Adam(resumed.Parameters, 1e-2f, weightDecay: 0.01f);
        adamB.LoadStateDict(saved, "checkpoint");
        for (int step = 0; step < 2; step++)
        {
            uninterrupted.SetGradients();
            adamA.Step();
            resumed.SetGradients();
            adamB.Step();
        }

        Assert.Equal(adamA.StepCounts, adamB.StepCounts);
        for (int i = 0; i < resumed.Parameters.Length; i++)
        {
            Assert.Equal(uninterrupted.Parameters[i].Value.Data, resumed.Parameters[i].Value.Data);
        }
    }

    [Fact]
    public void StateDict_Entries_AreCopies()
    {
        var problem = new OptimizerProblem(5);
        var adam = new Adam(problem.Parameters, 1e-2f);
        problem.SetGradients();
        adam.Step();
        Dictionary<string, Tensor> state = adam.StateDict();
        float before = state["0.exp_avg"].Data[0];

        problem.SetGradients();
        adam.Step();

        Assert.Equal(before, state["0.exp_avg"].Data[0]);
        Assert.Equal(
            ["0.exp_avg", "0.exp_avg_sq", "0.step", "1.exp_avg", "1.exp_avg_sq", "1.step"],
            state.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void LoadStateDict_MissingEntry_ThrowsAndKeepsState()
    {
        var problem = new OptimizerProblem(6);
        var adam = new Adam(problem.Parameters, 1e-2f);
        problem.SetGradients();
        adam.Step();
        Dictionary<string, Tensor> before = adam.StateDict();
        Dictionary<string, Tensor> state = adam.StateDict();
        state["0.exp_avg"].Data[0] = 123f;
        state.Remove("1.exp_avg_sq");

        var error = Assert.Throws<InvalidDataException>(() => adam.LoadStateDict(state, "ckpt"));

        Assert.Contains("'1.exp_avg_sq'", error.Message);
        Assert.Contains("ckpt", error.Message);
        Assert.Equal(before["0.exp_avg"].Data, adam.StateDict()["0.exp_avg"].Data);
    }

    [Fact]
    public void LoadStateDict_WrongShape_ThrowsWithShapes()
    {
        var problem = new OptimizerProblem(7);
        var adam = new Adam(problem.Parameters, 1e-2f);
        Dictionary<string, Tensor> state = adam.StateDict();
        state["1.exp_avg"] = new Tensor(5, 3);

        var error = Assert.Throws<InvalidDataException>(() => adam.LoadStateDict(state, "ckpt"));

        Assert.Contains("(5, 3)", error.Message);
        Assert.Contains("(3, 5)", error.Message);
    }

    [Theory]
    [InlineData(-1e-3f, 0.9f, 0.999f, 1e-8f, 0f, "learningRate")]
    [InlineData(float.NaN, 0.9f, 0.999f, 1e-8f, 0f, "learningRate")]
    [InlineData(1e-3f, 1f, 0.999f, 1e-8f, 0f, "beta1")]
    [InlineData(1e-3f, -0.1f, 0.999f, 1e-8f, 0f, "beta1")]
    [InlineData(1e-3f, 0.9f, 1f, 1e-8f, 0f, "beta2")]
    [InlineData(1e-3f, 0.9f, 0.999f, -1f, 0f, "epsilon")]
    [InlineData(1e-3f, 0.9f, 0.999f, 1e-8f, -0.1f, "weightDecay")]
    public void Constructor_InvalidHyperparameter_ThrowsNamingIt(
        float lr, float beta1, float beta2, float eps, float weightDecay, string name)
    {
        var problem = new OptimizerProblem(8);

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new Adam(problem.Parameters, lr, beta1, beta2, eps, weightDecay));

        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Constructor_ParameterWithoutRequiresGrad_Throws()
    {
        var frozen = new Variable(Tensor.Ones(2), requiresGrad: false, name: "frozen");

        var error = Assert.Throws<ArgumentException>(() => new Adam([frozen]));

        Assert.Contains("frozen", error.Message);
    }

    /// <summary>
    /// Adam in float64, with the algorithm of the torch.optim.Adam documentation (PyTorch
    /// 1.13) for amsgrad and maximize off. Each step t, counted from 1, computes
    /// <code>
    /// g = grad + weight_decay * p
    /// m = beta1 * m + (1 - beta1) * g
    /// v = beta2 * v + (1 - beta2) * g^2
    /// m_hat = m / (1 - beta1^t)
    /// v_hat = v / (1 - beta2^t)
    /// p = p - lr * m_hat / (sqrt(v_hat) + eps)
    /// </code>
    /// </summary>
    private sealed class ReferenceAdam(
        double[][] values, double lr, double beta1, double beta2, double eps, double weightDecay)
    {
        private readonly double[][] _m = values.Select(p => new double[p.Length]).ToArray();
        private readonly double[][] _v = values.Select(p => new double[p.Length]).ToArray();
        private int _t;

        public double[][] Values { get; } = values;

        public void Step(double[][] gradients)
        {
            _t++;
            for (int i = 0; i < Values.Length; i++)
            {
                for (int j = 0; j < Values[i].Length; j++)
                {
                    double g = gradients[i][j] + weightDecay * Values[i][j];
                    _m[i][j] = beta1 * _m[i][j] + (1 - beta1) * g;
                    _v[i][j] = beta2 * _v[i][j] + (1 - beta2) * g * g;
                    double mHat = _m[i][j] / (1 - Math.Pow(beta1, _t));
                    double vHat = _v[i][j] / (1 - Math.Pow(beta2, _t));
                    Values[i][j] -= lr * mHat / (Math.Sqrt(vHat) + eps);
                }
            }
        }
    }
}
