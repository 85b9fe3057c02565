using System.Globalization;
using System.Text;
using NativeGan.Gan.Images;
using NativeGan.Gan.Monitoring;
using NativeGan.Gan.Training;
using NativeGan.Tensors;
using StbImageSharp;

namespace NativeGan.Gan.Tests.Reports;

/// <summary>
/// Run folder written by hand, the way the trainer lays it out: config.json, metrics.csv,
/// gradients.csv, epochs.csv, quality.csv and one small sample grid per epoch, with values
/// from a seeded generator. Deleted with its contents on dispose.
/// </summary>
internal sealed class TestRunFolder : IDisposable
{
    public const int Epochs = 2;
    public const int StepsPerEpoch = 20;
    public const int MonitorEvery = 5;
    public static readonly string[] GParameters = ["net.0.weight", "net.0.bias", "net.2.weight"];
    public static readonly string[] DParameters = ["net.0.weight", "net.2.weight"];

    public TestRunFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), $"nativegan-report-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(Root, "samples"));
        var random = new Random(7);
        File.WriteAllText(
            PathOf("config.json"),
            new TrainingConfig { OutputFolder = Root, Epochs = Epochs, BatchSize = 32 }.ToJson());
        File.WriteAllText(PathOf("metrics.csv"), Metrics(random));
        File.WriteAllText(PathOf("gradients.csv"), Gradients(random));
        File.WriteAllText(PathOf("epochs.csv"), EpochRows());
        File.WriteAllText(PathOf("quality.csv"), Quality());
        for (int epoch = 1; epoch <= Epochs; epoch++)
        {
            ImageGrid.FromImages(new Tensor(4, 1, 3, 3), scale: 1).SavePng(GridPath(epoch));
        }
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    public string GridPath(int epoch) =>
        PathOf(string.Create(CultureInfo.InvariantCulture, $"samples/epoch-{epoch:D4}.png"));

    public string ReadReport() => File.ReadAllText(PathOf("report.md"));

    /// <summary>Replaces line <paramref name="lineNumber"/> (from 1) of a file.</summary>
    public void ReplaceLine(string name, int lineNumber, string text)
    {
        string[] lines = File.ReadAllLines(PathOf(name));
        lines[lineNumber - 1] = text;
        File.WriteAllText(PathOf(name), string.Join('\n', lines) + "\n");
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Decodes the PNG at <paramref name="path"/>; returns its size in pixels.</summary>
    public static (int Width, int Height) DecodePng(string path)
    {
        ImageResult image = ImageResult.FromMemory(
            File.ReadAllBytes(path), ColorComponents.RedGreenBlueAlpha);
        return (image.Width, image.Height);
    }

    private static string Metrics(Random random)
    {
        var text = new StringBuilder(StepMetrics.CsvHeader).Append('\n');
        for (int step = 1; step <= Epochs * StepsPerEpoch; step++)
        {
            var row = new StepMetrics(
                step, (step - 1) / StepsPerEpoch + 1, 1.2f + random.NextSingle(),
                0.8f + random.NextSingle(), 0.4f + 0.3f * random.NextSingle(),
                0.2f + 0.3f * random.NextSingle(), random.NextSingle(), random.NextSingle());
            text.Append(row.ToCsvRow()).Append('\n');
        }

        return text.ToString();
    }

    private static string Gradients(Random random)
    {
        var text = new StringBuilder(ParameterNorms.CsvHeader).Append('\n');
        for (int step = MonitorEvery; step <= Epochs * StepsPerEpoch; step += MonitorEvery)
        {
            foreach (string name in GParameters)
            {
                text.Append(new ParameterNorms(step, "G", name, random.NextDouble(), 3.0)
                    .ToCsvRow()).Append('\n');
            }

            foreach (string name in DParameters)
            {
                text.Append(new ParameterNorms(step, "D", name, 10 * random.NextDouble(), 5.0)
                    .ToCsvRow()).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string EpochRows()
    {
        var text = new StringBuilder(EpochLog.CsvHeader).Append('\n');
        for (int epoch = 1; epoch <= Epochs; epoch++)
        {
            text.Append(string.Create(
                CultureInfo.InvariantCulture,
                $"{epoch},{StepsPerEpoch},{1.5 * epoch},{1.4 - 0.1 * epoch},{0.9 + 0.1 * epoch}," +
                $"0.6,0.4,samples/epoch-{epoch:D4}.png," +
                $"checkpoints/epoch-{epoch:D4}.safetensors\n"));
        }

        return text.ToString();
    }

    private static string Quality()
    {
        var text = new StringBuilder("epoch,fd,coverage_entropy");
        for (int digit = 0; digit < 10; digit++)
        {
            text.Append(",class_").Append(digit);
        }

        text.Append('\n');
        for (int epoch = 1; epoch <= Epochs; epoch++)
        {
            text.Append(string.Create(
                CultureInfo.InvariantCulture, $"{epoch},{100.0 / epoch},{2.0 + 0.1 * epoch}"));
            text.Append(string.Concat(Enumerable.Repeat(",0.1", 10))).Append('\n');
        }

        return text.ToString();
    }
}
