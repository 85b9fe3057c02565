using System.Text.Json;
using NativeGan.Gan.Training;

namespace NativeGan.Gan.Tests.Training;

public sealed class TrainingConfigTests
{
    [Fact]
    public void Json_RoundTrip_KeepsEveryField()
    {
        var config = new TrainingConfig
        {
            Epochs = 9,
            GeneratorLoss = GeneratorLoss.Minimax,
            Labels = new LabelOptions { Soft = true, Reversed = true, FlipProbability = 0.05f },
        };

        var read = JsonSerializer.Deserialize<TrainingConfig>(config.ToJson(), TrainingConfig.JsonOptions);

        Assert.Equal(config, read);
    }

    [Fact]
    public void Json_UnknownField_IsRejected()
    {
        const string json = """{ "epochs": 3, "learningRat": 0.1 }""";

        var error = Assert.Throws<JsonException>(
            () => JsonSerializer.Deserialize<TrainingConfig>(json, TrainingConfig.JsonOptions));

        Assert.Contains("learningRat", error.Message);
    }

    [Theory]
    [InlineData("BatchSize")]
    [InlineData("Epochs")]
    [InlineData("MonitorEvery")]
    public void Validate_InvalidValue_NamesTheField(string field)
    {
        TrainingConfig config = field switch
        {
            "BatchSize" => new TrainingConfig { BatchSize = 0 },
            "Epochs" => new TrainingConfig { Epochs = -1 },
            _ => new TrainingConfig { MonitorEvery = -2 },
        };

        var error = Assert.Throws<InvalidConfigException>(config.Validate);

        Assert.Equal(field, error.Field);
    }
}
