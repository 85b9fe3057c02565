using NativeGan.Autodiff;
using NativeGan.Tensors;

namespace NativeGan.Nn.Tests.Modules;

/// <summary>
/// Module with a parameter, a buffer (like batch norm's running statistics) and a child
/// Sequential, for tests of parameter names and state dictionaries.
/// </summary>
internal sealed class NetWithBuffer : Module
{
    public NetWithBuffer(Rng rng)
    {
        Scale = RegisterParameter("scale", Tensor.Full(2f, 3));
        Count = RegisterBuffer("count", Tensor.Scalar(5f));
        Body = RegisterModule("body", new Sequential(
            new Linear(4, 3, rng), new Tanh(), new Linear(3, 3, rng, bias: false)));
    }

    public Variable Scale { get; }

    public Tensor Count { get; }

    public Sequential Body { get; }

    public override Variable Forward(Variable input) => Body.Forward(input) * Scale;

    /// <summary>Registers a parameter under any name, to test the name checks.</summary>
    public void AddParameter(string name) => RegisterParameter(name, new Tensor(1));
}

/// <summary>y = a x + b with constants a and b, to observe the order of layers.</summary>
internal sealed class Affine(float a, float b) : Module
{
    public override Variable Forward(Variable input) => input * a + b;
}
