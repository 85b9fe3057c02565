using NativeGan.Tensors.Gpu;

namespace NativeGan.Cli.Tests;

public sealed class DeviceOptionTests : IDisposable
{
    private readonly SyntheticMnist _mnist = new(count: 32);

    public void Dispose() => _mnist.Dispose();

    [Fact]
    public void Train_DeviceGpu_FailsClearlyWithoutGpu()
    {
        string runFolder = _mnist.File("gpu");

        var (exitCode, _, error) = CliRunner.Run(
            "train", "--quality-every", "0", "--data", _mnist.Folder, "--out", runFolder,
            "--model", "mlp", "--epochs", "1", "--batch-size", "16", "--device", "gpu");

        if (HasGpu())
        {
            // On a machine with a CUDA GPU the same command trains there.
            Assert.True(exitCode == ExitCodes.Success, error);
            return;
        }

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("no usable CUDA GPU was found", error);
        Assert.Contains("device cpu", error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(Directory.Exists(runFolder));
    }

    [Fact]
    public void Train_UnknownDevice_ExitsWithUsageError()
    {
        var (exitCode, _, error) = CliRunner.Run(
            "train", "--quality-every", "0", "--data", _mnist.Folder, "--device", "tpu");

        Assert.Equal(ExitCodes.InvalidUsage, exitCode);
        Assert.Contains("tpu", error);
    }

    [Fact]
    public void Train_DeviceAuto_LogsChosenDeviceAndReason()
    {
        string runFolder = _mnist.File("auto");

        var (exitCode, output, error) = CliRunner.Run(
            "train", "--quality-every", "0", "--data", _mnist.Folder, "--out", runFolder,
            "--model", "mlp", "--epochs", "1", "--batch-size", "16", "--threads", "1",
            "--device", "auto");

        Assert.True(exitCode == ExitCodes.Success, error);
        string log = output + error;
        Assert.Contains("auto requested", log);
        if (!HasGpu())
        {
            Assert.Contains("Device cpu", log);
            Assert.Contains("no usable CUDA GPU", log);
        }
    }

    private static bool HasGpu()
    {
        using ComputeDevice device = ComputeDevice.Select(DeviceChoice.Auto);
        return device.Kind == ComputeDeviceKind.Cuda;
    }
}
