namespace NativeGan.Nn.Init;

/// <summary>
/// Fan that Kaiming initialization scales by: fan in keeps the variance of activations in
/// the forward pass, fan out keeps the variance of gradients in the backward pass.
/// </summary>
public enum FanMode
{
    /// <summary>Number of inputs per output: in_features * receptive field size.</summary>
    FanIn,

    /// <summary>Number of outputs per input: out_features * receptive field size.</summary>
    FanOut,
}
