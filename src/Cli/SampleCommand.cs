using System.CommandLine;
using NativeGan.Autodiff;
using NativeGan.Gan.Images;
using NativeGan.Gan.Models;
using NativeGan.Gan.Training;
using NativeGan.Tensors;
using Spectre.Console;

namespace NativeGan.Cli;

/// <summary>`nativegan sample`: draws a grid of images from a run's generator.</summary>
public static class SampleCommand
{
    /// <summary>Builds the command and its options.</summary>
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "Run folder written by `nativegan train`." };
        var epoch = new Option<int>("--epoch")
        {
            Description = "Epoch whose checkpoint to use (0: the last one).",
            DefaultValueFactory = _ => 0,
        };
        var count = new Option<int>("--count")
        {
            Description = "Number of images in the grid.",
            DefaultValueFactory = _ => 64,
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the latent vectors z.",
            DefaultValueFactory = _ => 1,
        };
        var output = new Option<string?>("--out")
        {
            Description = "PNG file to write (default: RUN/samples/sample-epoch-NNNN-seed-S.png).",
        };
        var command = new Command("sample", "Draw a grid of generated images from a run's checkpoint.")
        {
            run, epoch, count, seed, output,
        };
        command.SetAction(parsed =>
        {
            var folder = new RunFolder(parsed.GetValue(run)!);
            if (!folder.ContainsRun)
            {
                throw new UsageException(
                    $"{folder.Root} is not a run folder (it has no config.json). Pass the --out " +
                    "folder of an earlier `nativegan train`.");
            }

            int number = parsed.GetValue(epoch);
            int last = folder.LastCheckpointEpoch();
            number = number == 0 ? last : number;
            string checkpoint = folder.CheckpointPath(number);
            if (!File.Exists(checkpoint))
            {
                throw new UsageException(
                    $"Checkpoint {checkpoint} does not exist; the run has checkpoints up to epoch {last}.");
            }

            int images = parsed.GetValue(count);
            if (images < 1)
            {
                throw new UsageException($"Invalid --count {images}: it must be at least 1.");
            }

            TrainingConfig config = TrainCommand.ReadConfig(folder.ConfigPath);
            var (generator, _) = GanModelFactory.Create(
                config.Model, config.LatentSize, new Rng(0), config.Architecture);
            GanCheckpoint.LoadGenerator(checkpoint, generator);
            var z = new Tensor(images, config.LatentSize);
            new Rng(parsed.GetValue(seed)).FillNormal(z.Data);
            Tensor samples;
            using (GradMode.NoGrad())
            {
                generator.Eval();
                samples = generator.Forward(new Variable(z)).Value;
            }

            string path = parsed.GetValue(output) ?? Path.Combine(
                folder.SamplesFolder, $"sample-epoch-{number:D4}-seed-{parsed.GetValue(seed)}.png");
            ImageGrid.FromImages(samples, scale: 2).SavePng(path);
            CommandLine.Output.MarkupLine(Markup.Escape($"Wrote {images} samples of epoch {number} to {path}"));
            return ExitCodes.Success;
        });
        return command;
    }
}
