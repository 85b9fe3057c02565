using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Optimizers;

/// <summary>
/// A fixed problem for comparing an optimizer with a float64 re-implementation: two
/// parameters of shapes (7,) and (3, 5), and a gradient g = c * p + d per element (the
/// gradient of sum(c p^2 / 2 + d p)), so that each step's gradient depends on the last
/// step's result.
/// </summary>
internal sealed class OptimizerProblem
{
    private readonly float[][] _curvature;
    private readonly float[][] _offset;

    public OptimizerProblem(ulong seed)
    {
        var rng = new Rng(seed);
        int[][] shapes = [[7], [3, 5]];
        Parameters = new Variable[shapes.Length];
        _curvature = new float[shapes.Length][];
        _offset = new float[shapes.Length][];
        for (int i = 0; i < shapes.Length; i++)
        {
            var value = new Tensor(shapes[i]);
            rng.FillUniform(value.Data, -1f, 1f);
            Parameters[i] = new Variable(value, requiresGrad: true, name: $"p{i}");
            _curvature[i] = new float[value.Length];
            _offset[i] = new float[value.Length];
            rng.FillUniform(_curvature[i], 0.5f, 2f);
            rng.FillUniform(_offset[i], -1f, 1f);
        }
    }

    public Variable[] Parameters { get; }

    /// <summary>Copies the parameter values, in double, for a reference optimizer.</summary>
    public double[][] ValuesAsDouble() =>
        Parameters.Select(p => p.Value.Data.Select(v => (double)v).ToArray()).ToArray();

    /// <summary>Sets each parameter's Grad from its current value.</summary>
    public void SetGradients()
    {
        for (int i = 0; i < Parameters.Length; i++)
        {
            float[] p = Parameters[i].Value.Data;
            var grad = new Tensor(Parameters[i].Shape);
            for (int j = 0; j < p.Length; j++)
            {
                grad.Data[j] = _curvature[i][j] * p[j] + _offset[i][j];
            }

            Parameters[i].Grad = grad;
        }
    }

    /// <summary>Returns the gradients at the float64 reference's own parameter values.</summary>
    public double[][] GradientsAt(double[][] values) =>
        values.Select((p, i) => p.Select((v, j) => _curvature[i][j] * v + _offset[i][j]).ToArray())
            .ToArray();

    /// <summary>Asserts that the parameters equal the reference values within tolerance.</summary>
    public void AssertClose(double[][] expected, double tolerance, int step)
    {
        for (int i = 0; i < Parameters.Length; i++)
        {
            float[] actual = Parameters[i].Value.Data;
            for (int j = 0; j < actual.Length; j++)
            {
                double error = Math.Abs(actual[j] - expected[i][j]);
                Assert.True(
                    error <= tolerance,
                    $"Step {step}, parameter {i} element {j}: expected {expected[i][j]:G9}, " +
                    $"got {actual[j]:G9}, error {error:G3}.");
            }
        }
    }
}
