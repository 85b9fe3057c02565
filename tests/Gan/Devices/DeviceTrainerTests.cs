using System.Globalization;
using NativeGan.Gan.Data;
using NativeGan.Gan.Models;
using NativeGan.Gan.Tests.Data;
using NativeGan.Gan.Training;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Gan.Tests.Devices;

// A training run of a narrow DCGAN on ILGPU's CPU accelerator, with a checkpoint and a
// resume on the device, against the same run on the CPU backend.
[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceTrainerTests(CpuAcceleratorFixture accelerator)
    : IDisposable
{
    private const int Images = 8;
    private readonly TempFolder _folder = new();
    private MnistDataset? _data;

    private MnistDataset Data => _data ??= CreateData(_folder);

    public void Dispose() => _folder.Dispose();

    // One step per epoch: the device trains epoch 1, saves its checkpoint, and a new trainer
    // on the device resumes from it for epoch 2. Every logged number must match a
    // CPU run of both epochs, which fails if a device tensor is saved or loaded wrongly.
    [Fact]
    public void ResumedDeviceRun_MatchesCpuRun()
    {
        var host = new GanTrainer(Config("host", epochs: 2), Data);
        var first = new GanTrainer(Config("device", epochs: 1), Data, device: accelerator.Device);
        host.Run();
        first.Run();

        var second = new GanTrainer(Config("device", epochs: 2), Data, device: accelerator.Device);
        second.Resume();

        AssertClose(host.Folder.MetricsPath, second.Folder.MetricsPath, firstColumn: 2);
        AssertClose(host.Folder.GradientsPath, second.Folder.GradientsPath, firstColumn: 3);
        Assert.True(File.Exists(second.Folder.SampleGridPath(2)));
        Assert.True(File.Exists(second.Folder.CheckpointPath(2)));
        Assert.Contains(accelerator.Device.Name, File.ReadAllText(second.Folder.SummaryPath));
    }

    private static void AssertClose(string expectedPath, string actualPath, int firstColumn)
    {
        string[] expected = File.ReadAllLines(expectedPath);
        string[] actual = File.ReadAllLines(actualPath);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected[0], actual[0]);
        for (int row = 1; row < expected.Length; row++)
        {
            string[] expectedCells = expected[row].Split(',');
            string[] actualCells = actual[row].Split(',');
            Assert.Equal(expectedCells[..firstColumn], actualCells[..firstColumn]);
            for (int column = firstColumn; column < expectedCells.Length; column++)
            {
                double reference = Parse(expectedCells[column]);
                double error = Math.Abs(reference - Parse(actualCells[column])) /
                    Math.Max(1.0, Math.Abs(reference));
                Assert.True(
                    error <= 1e-3,
                    $"{Path.GetFileName(actualPath)} row {row} column {column}: device " +
                    $"{actualCells[column]}, CPU {expectedCells[column]}.");
            }
        }
    }

    private static double Parse(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    private TrainingConfig Config(string name, int epochs) => new()
    {
        Model = "dcgan",
        Architecture = new ArchitectureOptions
        {
            GeneratorWidths = [6, 5],
            DiscriminatorWidths = [3, 5],
        },
        LatentSize = 7,
        DataFolder = _folder.Path,
        OutputFolder = _folder.File(name),
        Epochs = epochs,
        BatchSize = 8,
        SampleCount = 4,
        MonitorEvery = 1,
        QualityEvery = 0,
    };

    private static MnistDataset CreateData(TempFolder folder)
    {
        IdxTestFiles.WriteSplit(
            folder.Path,
            MnistSplit.Train,
            IdxTestFiles.RandomBytes(Images * 784, seed: 41),
            IdxTestFiles.RandomBytes(Images, seed: 42).Select(b => (byte)(b % 10)).ToArray());
        return MnistDataset.Load(folder.Path, MnistSplit.Train);
    }

}
