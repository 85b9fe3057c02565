using NativeGan.Autodiff;
using NativeGan.Gan.Quality;
using NativeGan.Nn;
using NativeGan.Nn.Serialization;
using NativeGan.Tensors;

namespace NativeGan.Gan.Tests.Quality;

public sealed class ClassifierFileTests : IDisposable
{
    private static readonly ClassifierTrainingOptions OneEpoch = new()
    {
        Epochs = 1,
        BatchSize = 25,
    };

    private readonly SyntheticDigits _digits = new(trainCount: 50, testCount: 20);

    public void Dispose() => _digits.Dispose();

    private string FilePath => ClassifierFile.DefaultPath(_digits.Folder);

    [Fact]
    public void DefaultPath_IsInsideDataFolder()
    {
        Assert.Equal(
            Path.Combine("data", "classifier", "mnist-classifier.safetensors"),
            ClassifierFile.DefaultPath("data"));
    }

    [Fact]
    public void Load_SavedClassifier_GivesSameLogits()
    {
        var classifier = new MnistClassifier(new Rng(5));
        classifier.Eval();
        ClassifierFile.Save(FilePath, classifier, 0.5, OneEpoch, trainImages: 50);

        TrainedClassifier loaded = ClassifierFile.Load(FilePath);

        var images = new Variable(_digits.Test.GetImages([0, 1, 2]));
        Assert.Equal(
            classifier.Forward(images).Value.Data,
            loaded.Classifier.Forward(images).Value.Data);
    }

    [Fact]
    public void Load_SavedClassifier_KeepsAccuracy()
    {
        ClassifierFile.Save(FilePath, new MnistClassifier(new Rng(5)), 0.9912, OneEpoch, 50);

        Assert.Equal(0.9912, ClassifierFile.Load(FilePath).TestAccuracy);
    }

    [Fact]
    public void Load_OtherFormat_ThrowsNamingFileAndFix()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        SafeTensorsFile.Save(
            FilePath, new MnistClassifier(new Rng(5)).StateDict(),
            new Dictionary<string, string> { ["format"] = "nativegan-gan-checkpoint-v1" });

        var error = Assert.Throws<InvalidDataException>(() => ClassifierFile.Load(FilePath));

        Assert.Contains(FilePath, error.Message);
        Assert.Contains($"Delete {FilePath}", error.Message);
    }

    [Fact]
    public void Load_OtherArchitecture_ThrowsNamingFileAndFix()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var other = new Sequential(new Linear(784, 10, new Rng(1)));
        SafeTensorsFile.Save(
            FilePath, other.StateDict(),
            new Dictionary<string, string>
            {
                ["format"] = ClassifierFile.Format,
                ["test_accuracy"] = "0.99",
            });

        var error = Assert.Throws<InvalidDataException>(() => ClassifierFile.Load(FilePath));

        Assert.Contains(FilePath, error.Message);
        Assert.Contains($"Delete {FilePath}", error.Message);
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsNamingFix()
    {
        ClassifierFile.Save(FilePath, new MnistClassifier(new Rng(5)), 0.5, OneEpoch, 50);
        byte[] bytes = File.ReadAllBytes(FilePath);
        File.WriteAllBytes(FilePath, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => ClassifierFile.Load(FilePath));

        Assert.Contains($"Delete {FilePath}", error.Message);
    }

    [Fact]
    public void LoadOrTrain_MissingFile_TrainsAndSaves()
    {
        TrainedClassifier trained = ClassifierFile.LoadOrTrain(
            FilePath, _digits.Train, _digits.Test, OneEpoch);

        TrainedClassifier loaded = ClassifierFile.Load(FilePath);
        Assert.Equal(trained.TestAccuracy, loaded.TestAccuracy);
    }

    [Fact]
    public void LoadOrTrain_ExistingFile_LoadsIt()
    {
        var saved = new MnistClassifier(new Rng(77));
        ClassifierFile.Save(FilePath, saved, 0.25, OneEpoch, 50);

        TrainedClassifier result = ClassifierFile.LoadOrTrain(
            FilePath, _digits.Train, _digits.Test, OneEpoch);

        Assert.Equal(saved.Head.Weight.Value.Data, result.Classifier.Head.Weight.Value.Data);
    }
}
