using NativeGan.Gan.Monitoring;

namespace NativeGan.Gan.Reports;

/// <summary>Gradient L2 norms of one parameter over the monitored steps.</summary>
/// <param name="Network">Network name as written in gradients.csv: "G" or "D".</param>
/// <param name="Parameter">Dotted parameter name, e.g. net.0.weight.</param>
/// <param name="Steps">Monitored steps, increasing.</param>
/// <param name="GradNorms">L2 norm of the gradient at each step; NaN where there was none.</param>
internal sealed record GradientNormSeries(
    string Network, string Parameter, double[] Steps, double[] GradNorms);

/// <summary>Contents of gradients.csv grouped per network and parameter.</summary>
internal static class GradientNormTable
{
    private static readonly string[] Columns = ["step", "network", "parameter", "grad_norm"];

    /// <summary>
    /// Reads gradients.csv (<see cref="ParameterNorms.CsvHeader"/>) into one series per
    /// parameter, in the order parameters first appear. Returns an empty list when the file is
    /// missing or has no rows. Throws <see cref="InvalidDataException"/> naming the line of a
    /// malformed row, of a decreasing step or of a network name that is not a letter or digit
    /// string (the name becomes part of a file name).
    /// </summary>
    public static List<GradientNormSeries> Read(string path)
    {
        CsvFile? file = CsvFile.Read(path, Columns);
        if (file is null)
        {
            return [];
        }

        long[] steps = file.Integers("step");
        ColumnOrder.CheckIncreasing(file, steps, "step", allowRepeats: true);
        string[] networks = file.Texts("network");
        string[] parameters = file.Texts("parameter");
        double[] norms = file.Numbers("grad_norm");

        var order = new List<(string Network, string Parameter)>();
        var points = new Dictionary<(string, string), (List<double> Steps, List<double> Norms)>();
        for (int r = 0; r < steps.Length; r++)
        {
            if (networks[r].Length == 0 || !networks[r].All(char.IsAsciiLetterOrDigit))
            {
                throw new InvalidDataException(
                    $"{path} line {file.LineNumber(r)}: network '{networks[r]}' must be a name " +
                    "of ASCII letters and digits such as G or D. Repair or delete the line.");
            }

            var key = (networks[r], parameters[r]);
            if (!points.TryGetValue(key, out var series))
            {
                series = ([], []);
                points.Add(key, series);
                order.Add(key);
            }

            series.Steps.Add(steps[r]);
            series.Norms.Add(norms[r]);
        }

        return order
            .Select(key => new GradientNormSeries(
                key.Network, key.Parameter, [.. points[key].Steps], [.. points[key].Norms]))
            .ToList();
    }
}
