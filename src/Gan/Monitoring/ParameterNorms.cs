using System.Globalization;

namespace NativeGan.Gan.Monitoring;

/// <summary>L2 norms of one parameter and of its gradient at one step.</summary>
/// <param name="Step">Global step number.</param>
/// <param name="Network">"G" or "D".</param>
/// <param name="Parameter">Dotted parameter name, e.g. net.0.weight.</param>
/// <param name="GradNorm">L2 norm of the gradient; NaN when the parameter had no gradient.</param>
/// <param name="WeightNorm">L2 norm of the parameter values.</param>
public sealed record ParameterNorms(
    long Step, string Network, string Parameter, double GradNorm, double WeightNorm)
{
    /// <summary>Header of gradients.csv, matching <see cref="ToCsvRow"/>.</summary>
    public const string CsvHeader = "step,network,parameter,grad_norm,weight_norm";

    /// <summary>Formats the norms as one CSV row with invariant culture.</summary>
    public string ToCsvRow() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Step},{Network},{Parameter},{GradNorm:G7},{WeightNorm:G7}");
}
