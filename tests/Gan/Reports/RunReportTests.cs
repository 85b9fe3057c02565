using NativeGan.Gan.Reports;

namespace NativeGan.Gan.Tests.Reports;

/// <summary>Run folder with every input, reported once and shared by the tests below.</summary>
public sealed class FullRunReport : IDisposable
{
    internal TestRunFolder Run { get; } = new();

    public FullRunReport() => Written = RunReport.Write(Run.Root);

    public IReadOnlyList<string> Written { get; }

    public void Dispose() => Run.Dispose();
}

public sealed class RunReportTests(FullRunReport report) : IClassFixture<FullRunReport>
{
    public static TheoryData<string, int, int> Plots => new()
    {
        { "losses.png", 900, 500 },
        { "d_outputs.png", 900, 500 },
        { "d_accuracy.png", 900, 500 },
        { "gradient_norms_g.png", 900, 500 },
        { "gradient_norms_d.png", 900, 500 },
        { "epochs.png", 900, 500 },
        { "quality.png", 900, 700 },
    };

    [Theory]
    [MemberData(nameof(Plots))]
    public void Write_FullRun_WritesPlotOfExpectedSize(string name, int width, int height)
    {
        string path = Path.Combine(report.Run.Root, "plots", name);

        var size = TestRunFolder.DecodePng(path);

        Assert.Equal(width, size.Width);
        Assert.Equal(height, size.Height);
    }

    [Theory]
    [MemberData(nameof(Plots))]
    public void Write_FullRun_LinksPlot(string name, int width, int height)
    {
        _ = (width, height);

        Assert.Contains($"](plots/{name})", report.Run.ReadReport());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Write_FullRun_LinksEveryGrid(int epoch)
    {
        string link = $"](samples/epoch-{epoch:D4}.png)";

        Assert.Contains(link, report.Run.ReadReport());
    }

    [Fact]
    public void Write_FullRun_EndsWithFinalGrid()
    {
        string page = report.Run.ReadReport().TrimEnd();

        Assert.EndsWith("](samples/epoch-0002.png)", page);
        Assert.Contains("## Final samples (epoch 2)", page);
    }

    [Fact]
    public void Write_FullRun_ReturnsPathsReportLast()
    {
        var expected = Plots
            .Select(row => Path.Combine(report.Run.Root, "plots", (string)row[0]))
            .Append(report.Run.PathOf("report.md"))
            .ToList();

        Assert.Equal(expected.Order(), report.Written.Order());
        Assert.Equal(report.Run.PathOf("report.md"), report.Written[^1]);
    }

    [Fact]
    public void Write_FullRun_ReturnsOnlyFilesThatExist()
    {
        Assert.All(report.Written, path => Assert.True(File.Exists(path), path));
    }

    [Theory]
    [InlineData("| batch size | 32 |")]
    [InlineData("| epochs | 2 |")]
    [InlineData("| learning rate | 0.0002 (Adam, betas 0.5, 0.999) |")]
    [InlineData("| seed | 1 |")]
    [InlineData("| labels | hard: real 1, fake 0 |")]
    [InlineData("| G loss | NonSaturating |")]
    public void Write_FullRun_ShowsConfigHighlight(string row)
    {
        Assert.Contains(row, report.Run.ReadReport());
    }

    [Fact]
    public void Write_FullRun_TabulatesEpochsWithQuality()
    {
        string page = report.Run.ReadReport();

        Assert.Contains(
            "| epoch | steps | seconds | loss_d | loss_g | D(x) | D(G(z)) | FD | entropy |", page);
        Assert.Contains(
            "| 1 | 20 | 1.5 | 1.3000 | 1.0000 | 0.600 | 0.400 | 100.00 | 2.100 |", page);
        Assert.Contains(
            "| 2 | 20 | 3.0 | 1.2000 | 1.1000 | 0.600 | 0.400 | 50.00 | 2.200 |", page);
    }

    [Fact]
    public void Write_NoSummary_SaysNotFinished()
    {
        Assert.StartsWith("Not finished: 2 of 2 epochs", report.Run.ReadReport().Split("\n")[2]);
    }
}
