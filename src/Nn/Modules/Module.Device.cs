using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Nn;

public abstract partial class Module
{
    /// <summary>
    /// Device of the parameters: that of the first one, or <see cref="ComputeDevice.Cpu"/>
    /// for a module without parameters.
    /// </summary>
    public ComputeDevice Device =>
        NamedParameters().Select(p => p.Parameter.Value.Device).FirstOrDefault() ??
        ComputeDevice.Cpu;

    /// <summary>
    /// Moves every parameter, gradient and buffer of this module and its descendants to
    /// <paramref name="device"/> in place and returns this, like torch's Module.to(device).
    /// Buffers registered with keepOnHost stay on the host. Create optimizers after the
    /// move, so that their state is allocated on the same device.
    /// </summary>
    public Module To(ComputeDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        foreach (var (_, parameter) in _parameters)
        {
            parameter.Value.MoveTo(device);
            parameter.Grad?.MoveTo(device);
        }

        foreach (var (_, buffer) in _buffers)
        {
            if (!_hostBuffers.Contains(buffer))
            {
                buffer.MoveTo(device);
            }
        }

        foreach (var (_, child) in _children)
        {
            child.To(device);
        }

        return this;
    }
}
