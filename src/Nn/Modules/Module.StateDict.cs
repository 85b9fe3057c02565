using NativeGan.Tensors;

namespace NativeGan.Nn;

public abstract partial class Module
{
    /// <summary>
    /// Returns every parameter and buffer by dotted name, sharing storage with the module,
    /// like torch's state_dict().
    /// </summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, parameter) in NamedParameters())
        {
            state[name] = parameter.Value;
        }

        foreach (var (name, buffer) in NamedBuffers())
        {
            state[name] = buffer;
        }

        return state;
    }

    /// <summary>
    /// Copies tensors into the parameters and buffers of the same names. Every name must
    /// be present with the same shape and no extra names may appear; otherwise nothing is
    /// copied and the error lists the differences. <paramref name="source"/> names the
    /// file or object the state came from, for the message.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string source)
    {
        Dictionary<string, Tensor> own = StateDict();
        var problems = new List<string>();
        foreach (var (name, tensor) in own)
        {
            if (!state.TryGetValue(name, out Tensor? loaded))
            {
                problems.Add($"missing '{name}' {tensor.Shape}");
            }
            else if (loaded.Shape != tensor.Shape)
            {
                problems.Add($"'{name}' has shape {loaded.Shape}, expected {tensor.Shape}");
            }
        }

        foreach (string name in state.Keys.Where(n => !own.ContainsKey(n)).Order())
        {
            problems.Add($"unexpected '{name}' {state[name].Shape}");
        }

        if (problems.Count > 0)
        {
            const int MaxListed = 8;
            string list = string.Join("; ", problems.Take(MaxListed)) +
                (problems.Count > MaxListed ? $"; and {problems.Count - MaxListed} more" : "");
            throw new InvalidDataException(
                $"{source} does not match {GetType().Name}: {list}. It was probably saved " +
                "from a model of another architecture; load it with the same model options " +
                "it was trained with.");
        }

        foreach (var (name, tensor) in own)
        {
            tensor.CopyFrom(state[name]);
        }
    }
}
