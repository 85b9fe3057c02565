using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Modules;

public sealed class StateDictTests
{
    private const string Source = "checkpoint.safetensors";

    [Fact]
    public void StateDict_Nested_ListsParametersAndBuffers()
    {
        var model = new NetWithBuffer(new Rng(1));

        string[] names = model.StateDict().Keys.Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["body.0.bias", "body.0.weight", "body.2.weight", "count", "scale"], names);
    }

    [Fact]
    public void StateDict_Tensors_ShareStorageWithModule()
    {
        var model = new NetWithBuffer(new Rng(1));

        Dictionary<string, Tensor> state = model.StateDict();

        Assert.Same(model.Scale.Value, state["scale"]);
        Assert.Same(model.Count, state["count"]);
    }

    [Fact]
    public void LoadStateDict_FromOtherModel_CopiesEveryValue()
    {
        var source = new NetWithBuffer(new Rng(1));
        source.Count.Data[0] = 17f;
        var target = new NetWithBuffer(new Rng(2));

        target.LoadStateDict(source.StateDict(), Source);

        foreach (var (name, tensor) in source.StateDict())
        {
            Assert.Equal(tensor.Data, target.StateDict()[name].Data);
        }
    }

    [Fact]
    public void LoadStateDict_SourceChangedLater_TargetUnchanged()
    {
        var source = new NetWithBuffer(new Rng(1));
        var target = new NetWithBuffer(new Rng(2));
        target.LoadStateDict(source.StateDict(), Source);

        source.Scale.Value.Data[0] = 99f;

        Assert.Equal(2f, target.Scale.Value.Data[0]);
    }

    [Fact]
    public void LoadStateDict_MissingEntry_ThrowsAndCopiesNothing()
    {
        var target = new NetWithBuffer(new Rng(2));
        Dictionary<string, Tensor> before = Snapshot(target);
        Dictionary<string, Tensor> state = Snapshot(new NetWithBuffer(new Rng(1)));
        state.Remove("body.0.bias");

        var error = Assert.Throws<InvalidDataException>(() => target.LoadStateDict(state, Source));

        Assert.Contains("missing 'body.0.bias'", error.Message);
        Assert.Contains(Source, error.Message);
        AssertUnchanged(before, target);
    }

    [Fact]
    public void LoadStateDict_UnexpectedEntry_ThrowsAndCopiesNothing()
    {
        var target = new NetWithBuffer(new Rng(2));
        Dictionary<string, Tensor> before = Snapshot(target);
        Dictionary<string, Tensor> state = Snapshot(new NetWithBuffer(new Rng(1)));
        state["body.4.weight"] = new Tensor(2, 2);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadStateDict(state, Source));

        Assert.Contains("unexpected 'body.4.weight'", error.Message);
        AssertUnchanged(before, target);
    }

    [Fact]
    public void LoadStateDict_WrongShape_ThrowsAndCopiesNothing()
    {
        var target = new NetWithBuffer(new Rng(2));
        Dictionary<string, Tensor> before = Snapshot(target);
        Dictionary<string, Tensor> state = Snapshot(new NetWithBuffer(new Rng(1)));
        state["body.0.weight"] = new Tensor(4, 3);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadStateDict(state, Source));

        Assert.Contains("'body.0.weight'", error.Message);
        Assert.Contains("(4, 3)", error.Message);
        Assert.Contains("(3, 4)", error.Message);
        AssertUnchanged(before, target);
    }

    [Fact]
    public void LoadStateDict_ManyProblems_ListsEightThenCount()
    {
        var target = new NetWithBuffer(new Rng(2));
        var state = new Dictionary<string, Tensor>();
        for (int i = 0; i < 10; i++)
        {
            state[$"extra{i}"] = new Tensor(1);
        }

        var error = Assert.Throws<InvalidDataException>(() => target.LoadStateDict(state, Source));

        // 5 missing entries and 10 unexpected ones: 8 shown, 7 counted.
        Assert.Contains("and 7 more", error.Message);
    }

    private static Dictionary<string, Tensor> Snapshot(Module module) =>
        module.StateDict().ToDictionary(entry => entry.Key, entry => entry.Value.Clone());

    private static void AssertUnchanged(Dictionary<string, Tensor> before, Module module)
    {
        foreach (var (name, tensor) in module.StateDict())
        {
            Assert.Equal(before[name].Data, tensor.Data);
        }
    }
}
