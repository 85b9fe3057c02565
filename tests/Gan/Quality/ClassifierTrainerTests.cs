using NativeGan.Gan.Quality;

namespace NativeGan.Gan.Tests.Quality;

public sealed class ClassifierTrainerTests : IDisposable
{
    private static readonly ClassifierTrainingOptions QuickOptions = new()
    {
        Epochs = 3,
        BatchSize = 20,
        LearningRate = 3e-3f,
    };

    private readonly SyntheticDigits _digits = new(trainCount: 200, testCount: 100);

    public void Dispose() => _digits.Dispose();

    [Fact]
    public void Train_SyntheticDigits_LearnsClasses()
    {
        var (_, accuracy) = ClassifierTrainer.Train(_digits.Train, _digits.Test, QuickOptions);

        Assert.True(accuracy >= 0.9, $"test accuracy {accuracy:P1}");
    }

    [Fact]
    public void Train_ReturnedAccuracy_EqualsMeasuredAccuracy()
    {
        var (classifier, accuracy) = ClassifierTrainer.Train(
            _digits.Train, _digits.Test, QuickOptions with { Epochs = 1 });

        Assert.Equal(ClassifierTrainer.Accuracy(classifier, _digits.Test), accuracy);
    }

    [Fact]
    public void Train_SameSeed_SameWeights()
    {
        var options = QuickOptions with { Epochs = 1 };

        var (first, _) = ClassifierTrainer.Train(_digits.Train, _digits.Test, options);
        var (second, _) = ClassifierTrainer.Train(_digits.Train, _digits.Test, options);

        Assert.Equal(first.Head.Weight.Value.Data, second.Head.Weight.Value.Data);
    }

    [Fact]
    public void Train_Result_IsInEvaluationMode()
    {
        var (classifier, _) = ClassifierTrainer.Train(
            _digits.Train, _digits.Test, QuickOptions with { Epochs = 1 });

        Assert.False(classifier.IsTraining);
    }

    [Theory]
    [InlineData(0, 128, 1e-3f, 0.5f)]
    [InlineData(1, 0, 1e-3f, 0.5f)]
    [InlineData(1, 128, 0f, 0.5f)]
    [InlineData(1, 128, float.NaN, 0.5f)]
    [InlineData(1, 128, 1e-3f, 0f)]
    [InlineData(1, 128, 1e-3f, 1.5f)]
    public void Train_InvalidOption_Throws(int epochs, int batchSize, float rate, float decay)
    {
        var options = new ClassifierTrainingOptions
        {
            Epochs = epochs,
            BatchSize = batchSize,
            LearningRate = rate,
            LearningRateDecay = decay,
        };

        Assert.Throws<ArgumentOutOfRangeException>(
            () => ClassifierTrainer.Train(_digits.Train, _digits.Test, options));
    }
}
