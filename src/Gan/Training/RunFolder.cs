using System.Globalization;

namespace NativeGan.Gan.Training;

/// <summary>
/// Paths of a run folder: config.json, metrics.csv, samples/epoch-NNNN.png,
/// checkpoints/epoch-NNNN.safetensors and summary.json, which is written last and marks
/// the run as complete.
/// </summary>
public sealed class RunFolder(string root)
{
    /// <summary>Absolute path of the run folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Resolved training config.</summary>
    public string ConfigPath => Path.Combine(Root, "config.json");

    /// <summary>One CSV row per logged step.</summary>
    public string MetricsPath => Path.Combine(Root, "metrics.csv");

    /// <summary>Per-layer gradient and weight norms, one row per parameter per monitored step.</summary>
    public string GradientsPath => Path.Combine(Root, "gradients.csv");

    /// <summary>One row per step of D's pre-training, when there is one.</summary>
    public string PretrainPath => Path.Combine(Root, "pretrain_d.csv");

    /// <summary>One row per finished epoch: averages, time and output files.</summary>
    public string EpochsPath => Path.Combine(Root, "epochs.csv");

    /// <summary>Written when training ends; its presence marks a complete run.</summary>
    public string SummaryPath => Path.Combine(Root, "summary.json");

    /// <summary>Folder of the per-epoch sample grids.</summary>
    public string SamplesFolder => Path.Combine(Root, "samples");

    /// <summary>Folder of the per-epoch checkpoints.</summary>
    public string CheckpointsFolder => Path.Combine(Root, "checkpoints");

    /// <summary>Sample grid written after <paramref name="epoch"/>.</summary>
    public string SampleGridPath(int epoch) =>
        Path.Combine(SamplesFolder, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D4}.png"));

    /// <summary>Checkpoint written after <paramref name="epoch"/>.</summary>
    public string CheckpointPath(int epoch) =>
        Path.Combine(
            CheckpointsFolder,
            string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D4}.safetensors"));

    /// <summary>Returns the highest epoch with a checkpoint, or 0 when there is none.</summary>
    public int LastCheckpointEpoch()
    {
        if (!Directory.Exists(CheckpointsFolder))
        {
            return 0;
        }

        int last = 0;
        foreach (string path in Directory.EnumerateFiles(CheckpointsFolder, "epoch-*.safetensors"))
        {
            string digits = Path.GetFileNameWithoutExtension(path)["epoch-".Length..];
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
            {
                last = Math.Max(last, epoch);
            }
        }

        return last;
    }

    /// <summary>Whether the folder already contains a run (a config.json).</summary>
    public bool ContainsRun => File.Exists(ConfigPath);

    /// <summary>
    /// Creates the folder for a new run. An existing run is rejected unless
    /// <paramref name="overwrite"/> is set, in which case its files are deleted first.
    /// </summary>
    public void Create(bool overwrite)
    {
        if (File.Exists(Root))
        {
            throw new IOException(
                $"Output folder {Root} is a file. Choose another output folder.");
        }

        if (ContainsRun)
        {
            if (!overwrite)
            {
                throw new IOException(
                    $"Output folder {Root} already contains a run. Choose another output folder, " +
                    "or pass --overwrite to replace it.");
            }

            foreach (string path in new[] { ConfigPath, MetricsPath, SummaryPath, GradientsPath, EpochsPath, PretrainPath })
            {
                File.Delete(path);
            }

            File.Delete(Path.Combine(Root, "quality.csv"));
            File.Delete(Path.Combine(Root, "report.md"));
            DeleteFolder(SamplesFolder);
            DeleteFolder(CheckpointsFolder);
            DeleteFolder(Path.Combine(Root, "plots"));
        }

        Directory.CreateDirectory(SamplesFolder);
        Directory.CreateDirectory(CheckpointsFolder);
    }

    private static void DeleteFolder(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
