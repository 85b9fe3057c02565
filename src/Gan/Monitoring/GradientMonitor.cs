using Microsoft.Extensions.Logging;
using NativeGan.Nn;
using NativeGan.Tensors;

namespace NativeGan.Gan.Monitoring;

/// <summary>
/// Measures per-parameter gradient and weight norms of a network and warns when a
/// gradient vanishes or explodes. Each parameter warns once per kind, so a long run does
/// not flood the log; <see cref="WarningCount"/> counts every occurrence.
/// </summary>
public sealed class GradientMonitor(ILogger logger, double vanishBelow = 1e-7, double explodeAbove = 1e3)
{
    private readonly HashSet<string> _warned = [];

    /// <summary>Gradient L2 norm under which a parameter's gradient counts as vanished.</summary>
    public double VanishBelow { get; } = vanishBelow;

    /// <summary>Gradient L2 norm above which a parameter's gradient counts as exploding.</summary>
    public double ExplodeAbove { get; } = explodeAbove;

    /// <summary>Number of vanished or exploding gradients seen so far.</summary>
    public long WarningCount { get; private set; }

    /// <summary>Returns the norms of every parameter of <paramref name="module"/> and checks them.</summary>
    public IReadOnlyList<ParameterNorms> Measure(long step, string network, Module module)
    {
        var norms = new List<ParameterNorms>();
        foreach (var (name, parameter) in module.NamedParameters())
        {
            double gradNorm = parameter.Grad is null
                ? double.NaN
                : TensorOps.L2Norm(parameter.Grad);
            var entry = new ParameterNorms(
                step, network, name, gradNorm, TensorOps.L2Norm(parameter.Value));
            norms.Add(entry);
            Check(entry);
        }

        return norms;
    }

    private void Check(ParameterNorms entry)
    {
        string? kind = entry.GradNorm < VanishBelow ? "vanished"
            : entry.GradNorm > ExplodeAbove || double.IsInfinity(entry.GradNorm) ? "exploding"
            : null;
        if (kind is null)
        {
            return;
        }

        WarningCount++;
        if (_warned.Add($"{entry.Network}.{entry.Parameter}.{kind}"))
        {
            logger.LogWarning(
                "Step {Step}: {Network} gradient of {Parameter} {Kind}: L2 norm {Norm:E2} " +
                "(thresholds {Low:E0} and {High:E0}); further cases of this parameter are only counted",
                entry.Step, entry.Network, entry.Parameter, kind, entry.GradNorm, VanishBelow,
                ExplodeAbove);
        }
    }
}
