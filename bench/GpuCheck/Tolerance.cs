using System.Globalization;

namespace NativeGan.GpuCheck;

/// <summary>
/// Allowed |device - reference| per element: absolute + relative |reference| +
/// factor * magnitude[i], where magnitude[i] is the sum of the absolute values of the terms
/// that make up element i, for products and sums.
/// </summary>
internal sealed class Tolerance
{
    /// <summary>Unit roundoff of float32, 2^-24.</summary>
    public const double UnitRoundoff = 1.0 / (1 << 24);

    private readonly double _absolute;
    private readonly double _relative;
    private readonly double _factor;
    private readonly float[]? _magnitude;

    private Tolerance(
        double absolute, double relative, double factor, float[]? magnitude, string description)
    {
        _absolute = absolute;
        _relative = relative;
        _factor = factor;
        _magnitude = magnitude;
        Description = description;
    }

    /// <summary>The rule in words, for the results.</summary>
    public string Description { get; }

    /// <summary>
    /// Creates the rule relative |reference| + absolute, as the tests' TensorAssert.Close
    /// uses. Both zero demand exact equality.
    /// </summary>
    public static Tolerance Relative(double relative, double absolute)
    {
        var terms = new List<string>();
        if (relative != 0)
        {
            terms.Add(Format($"{relative:G3} |ref|"));
        }

        if (absolute != 0)
        {
            terms.Add(Format($"{absolute:G3}"));
        }

        string description = terms.Count == 0 ? "exact" : string.Join(" + ", terms);
        return new Tolerance(absolute, relative, 0, null, description);
    }

    /// <summary>
    /// Creates the float32 summation error bound for two results that each sum
    /// <paramref name="terms"/> products in their own order: multiple (terms + extra) u
    /// magnitude[i] + absolute, with u = 2^-24. An indexing error misses whole terms and
    /// exceeds it.
    /// </summary>
    public static Tolerance Summation(
        float[] magnitude, long terms, int extra, double multiple, double absolute)
    {
        string description = Format($"{multiple:G3} ({terms} + {extra}) u sum|term|") +
            (absolute == 0 ? "" : Format($" + {absolute:G3}"));
        return new Tolerance(
            absolute, 0, multiple * (terms + extra) * UnitRoundoff, magnitude, description);
    }

    /// <summary>Returns the allowed error of element <paramref name="index"/>.</summary>
    public double Allowed(int index, double expected)
    {
        double allowed = _absolute + _relative * Math.Abs(expected);
        if (_magnitude is not null)
        {
            allowed += _factor * _magnitude[index];
        }

        return allowed;
    }

    private static string Format(FormattableString text) =>
        text.ToString(CultureInfo.InvariantCulture);
}
