using NativeGan.Gan.Reports;
using NativeGan.Gan.Training;

namespace NativeGan.Gan.Tests.Reports;

/// <summary>RunReport on run folders with missing, empty, unfinished or malformed inputs.</summary>
public sealed class RunReportInputTests : IDisposable
{
    private readonly TestRunFolder _run = new();

    public void Dispose() => _run.Dispose();

    private string PlotPath(string name) => Path.Combine(_run.Root, "plots", name);

    [Fact]
    public void Write_NoGradientsOrQuality_SkipsThosePlots()
    {
        File.Delete(_run.PathOf("gradients.csv"));
        File.Delete(_run.PathOf("quality.csv"));

        IReadOnlyList<string> written = RunReport.Write(_run.Root);

        string page = _run.ReadReport();
        Assert.DoesNotContain(written, path => path.Contains("gradient_norms"));
        Assert.False(File.Exists(PlotPath("gradient_norms_g.png")));
        Assert.False(File.Exists(PlotPath("quality.png")));
        Assert.DoesNotContain("plots/quality.png", page);
        Assert.DoesNotContain("| FD |", page);
        Assert.Contains("Not plotted: gradient norms", page);
        Assert.Contains("](plots/losses.png)", page);
    }

    [Fact]
    public void Write_HeaderOnlyMetrics_SkipsStepPlots()
    {
        File.WriteAllText(_run.PathOf("metrics.csv"), StepMetrics.CsvHeader + "\n");

        RunReport.Write(_run.Root);

        Assert.False(File.Exists(PlotPath("losses.png")));
        Assert.DoesNotContain("plots/losses.png", _run.ReadReport());
        Assert.True(File.Exists(PlotPath("epochs.png")));
    }

    [Fact]
    public void Write_EmptyFolder_WritesReportOnly()
    {
        string empty = Path.Combine(_run.Root, "empty");
        Directory.CreateDirectory(empty);

        IReadOnlyList<string> written = RunReport.Write(empty);

        Assert.Equal([Path.Combine(empty, "report.md")], written);
        Assert.Contains("config.json is missing.", File.ReadAllText(written[0]));
    }

    [Fact]
    public void Write_MissingFolder_ThrowsNamingFolder()
    {
        string missing = Path.Combine(_run.Root, "missing");

        var error = Assert.Throws<DirectoryNotFoundException>(() => RunReport.Write(missing));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Write_GridWithoutEpochRow_StillLinked()
    {
        File.Copy(_run.GridPath(2), _run.GridPath(3));

        RunReport.Write(_run.Root);

        Assert.Contains("](samples/epoch-0003.png)", _run.ReadReport());
    }

    [Fact]
    public void Write_MissingGridFile_NotLinked()
    {
        File.Delete(_run.GridPath(1));

        RunReport.Write(_run.Root);

        Assert.DoesNotContain("samples/epoch-0001.png", _run.ReadReport());
    }

    [Fact]
    public void Write_UnfinishedLastRow_IsIgnored()
    {
        File.AppendAllText(_run.PathOf("metrics.csv"), "41,3,1.5,0.");

        RunReport.Write(_run.Root);

        Assert.True(File.Exists(PlotPath("losses.png")));
    }

    [Fact]
    public void Write_NaNGradientNorm_NotesLeftOutPoint()
    {
        _run.ReplaceLine("gradients.csv", 6, "5,D,net.2.weight,NaN,5");

        RunReport.Write(_run.Root);

        Assert.Contains(
            "1 point with a zero, missing or infinite gradient norm is left out",
            _run.ReadReport());
    }

    [Fact]
    public void Write_SingleMetricsRow_WritesStepPlots()
    {
        File.WriteAllText(
            _run.PathOf("metrics.csv"),
            StepMetrics.CsvHeader + "\n1,1,1.3,0.7,0.6,0.4,0.5,0.5\n");

        RunReport.Write(_run.Root);

        Assert.Equal((900, 500), TestRunFolder.DecodePng(PlotPath("losses.png")));
    }

    [Fact]
    public void Write_SummaryPresent_SaysFinished()
    {
        File.WriteAllText(_run.PathOf("summary.json"), "{}");

        RunReport.Write(_run.Root);

        Assert.StartsWith("Finished: 2 of 2 epochs, 40 steps", _run.ReadReport().Split("\n")[2]);
    }

    public static TheoryData<string, int, string, string> MalformedRows => new()
    {
        { "metrics.csv", 5, "5,1,0.5,0.5,0.5,0.5,0.5", "has 7 cells, expected 8" },
        { "metrics.csv", 9, "8,1,0.5,abc,0.5,0.5,0.5,0.5", "column 'loss_g' contains 'abc'" },
        { "metrics.csv", 12, "3,1,0.5,0.5,0.5,0.5,0.5,0.5", "step 3 follows step 10" },
        { "gradients.csv", 4, "5,G,net.2.weight,x,3", "column 'grad_norm' contains 'x'" },
        { "gradients.csv", 2, "5,G/2,net.0.weight,0.1,3", "network 'G/2'" },
        { "epochs.csv", 3, "2,20,3.0,1.2,1.1,0.6,0.4,samples/epoch-0002.png", "has 8 cells" },
        { "quality.csv", 2, "one,100,2.1,0,0,0,0,0,0,0,0,0,1", "column 'epoch'" },
    };

    [Theory]
    [MemberData(nameof(MalformedRows))]
    public void Write_MalformedRow_ThrowsNamingFileAndLine(
        string file, int line, string row, string problem)
    {
        _run.ReplaceLine(file, line, row);

        var error = Assert.Throws<InvalidDataException>(() => RunReport.Write(_run.Root));

        Assert.Contains($"{_run.PathOf(file)} line {line}", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Write_MalformedRow_WritesNothing()
    {
        _run.ReplaceLine("gradients.csv", 3, "5,G");

        Assert.Throws<InvalidDataException>(() => RunReport.Write(_run.Root));

        Assert.False(Directory.Exists(Path.Combine(_run.Root, "plots")));
        Assert.False(File.Exists(_run.PathOf("report.md")));
    }

    [Fact]
    public void Write_HeaderWithoutColumn_ThrowsNamingColumn()
    {
        _run.ReplaceLine(
            "epochs.csv", 1, "epoch,steps,seconds,loss_d,loss_g,d_x,d_g_z,grid,checkpoint");

        var error = Assert.Throws<InvalidDataException>(() => RunReport.Write(_run.Root));

        Assert.Contains($"{_run.PathOf("epochs.csv")} line 1", error.Message);
        Assert.Contains("no column 'sample_grid'", error.Message);
    }

    [Fact]
    public void Write_InvalidConfigJson_ThrowsNamingFile()
    {
        File.WriteAllText(_run.PathOf("config.json"), "{\n  \"model\": mlp\n}");

        var error = Assert.Throws<InvalidDataException>(() => RunReport.Write(_run.Root));

        Assert.Contains($"{_run.PathOf("config.json")} line 2", error.Message);
    }
}
