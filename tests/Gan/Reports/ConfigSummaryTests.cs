using NativeGan.Gan.Reports;
using NativeGan.Gan.Training;

namespace NativeGan.Gan.Tests.Reports;

public sealed class ConfigSummaryTests : IDisposable
{
    private readonly string _path =
        Path.Combine(Path.GetTempPath(), $"nativegan-config-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    private ConfigSummary Read(string json)
    {
        File.WriteAllText(_path, json);
        return ConfigSummary.Read(_path)!;
    }

    private static string Highlight(ConfigSummary summary, string name) =>
        summary.Highlights.Single(h => h.Name == name).Value;

    [Fact]
    public void Read_SoftReversedLabels_DescribesThem()
    {
        var config = new TrainingConfig
        {
            Labels = new LabelOptions { Soft = true, Reversed = true, FlipProbability = 0.05f },
        };

        ConfigSummary summary = Read(config.ToJson());

        Assert.Equal(
            "soft: real from U(0.8, 1), fake from U(0, 0.2), before the reversal",
            Highlight(summary, "labels"));
        Assert.Equal("reversed: real = 0, fake = 1", Highlight(summary, "label convention"));
        Assert.Equal("0.05", Highlight(summary, "label flip probability"));
    }

    [Fact]
    public void Read_UnknownOption_ListedWithOthers()
    {
        ConfigSummary summary = Read("""{ "epochs": 3, "warmStart": { "vaeEpochs": 2 } }""");

        Assert.Equal(3, summary.Epochs);
        Assert.Contains(("warmStart.vaeEpochs", "2"), summary.Others);
        Assert.DoesNotContain(summary.Others, o => o.Name == "epochs");
    }

    [Fact]
    public void Read_MissingOption_SaysNotStated()
    {
        ConfigSummary summary = Read("{}");

        Assert.Equal("not stated", Highlight(summary, "model"));
        Assert.Null(summary.Epochs);
    }

    [Fact]
    public void Read_JsonArray_ThrowsNamingFile()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("[1, 2]"));

        Assert.Contains($"{_path} line 1", error.Message);
    }
}
