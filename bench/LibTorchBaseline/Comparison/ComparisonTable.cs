using System.Globalization;
using NativeGan.LibTorchBaseline.Figures;

namespace NativeGan.LibTorchBaseline.Comparison;

/// <summary>
/// Figures of both engines side by side, one row per figure name and thread count, with the
/// ratio NativeGan / libtorch. A figure that one engine lacks shows as "missing".
/// </summary>
public static class ComparisonTable
{
    /// <summary>Text of a missing figure or ratio.</summary>
    public const string Missing = "missing";

    /// <summary>Formats the rows: libtorch's figures in their order, then NativeGan's others.</summary>
    public static string Format(IReadOnlyList<Figure> nativeGan, IReadOnlyList<Figure> libTorch)
    {
        var nativeByKey = nativeGan.ToDictionary(f => (f.Name, f.Threads));
        var libTorchKeys = libTorch.Select(f => (f.Name, f.Threads)).ToHashSet();
        var rows = new List<string[]>();
        foreach (Figure baseline in libTorch)
        {
            nativeByKey.TryGetValue((baseline.Name, baseline.Threads), out Figure? native);
            rows.Add(Row(baseline.Name, baseline.Threads, baseline.Unit, native, baseline));
        }

        foreach (Figure native in nativeGan.Where(f => !libTorchKeys.Contains((f.Name, f.Threads))))
        {
            rows.Add(Row(native.Name, native.Threads, native.Unit, native, null));
        }

        return FigureTable.FormatRows(
            ["figure", "threads", "unit", "NativeGan", "libtorch", "ratio"],
            rows,
            rightAligned: [1, 3, 4, 5]);
    }

    /// <summary>
    /// Returns NativeGan's value divided by libtorch's, or null when either is missing, the
    /// units differ or libtorch's value is 0.
    /// </summary>
    public static double? Ratio(Figure? nativeGan, Figure? libTorch) =>
        nativeGan is null || libTorch is null || nativeGan.Unit != libTorch.Unit ||
        libTorch.Value == 0
            ? null
            : nativeGan.Value / libTorch.Value;

    private static string[] Row(
        string name, int threads, string unit, Figure? nativeGan, Figure? libTorch)
    {
        string ratio = nativeGan is not null && libTorch is not null && nativeGan.Unit != unit
            ? $"units differ ({nativeGan.Unit})"
            : Ratio(nativeGan, libTorch) is double r
                ? r.ToString("F2", CultureInfo.InvariantCulture)
                : Missing;
        return
        [
            name,
            threads.ToString(CultureInfo.InvariantCulture),
            unit,
            nativeGan is null ? Missing : FigureTable.FormatValue(nativeGan.Value),
            libTorch is null ? Missing : FigureTable.FormatValue(libTorch.Value),
            ratio,
        ];
    }
}
