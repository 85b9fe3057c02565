namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Argument checks of the device launchers, raised before anything is queued, with
/// messages that name the operation, the operands and their shapes or devices.
/// </summary>
internal static class DeviceCheck
{
    /// <summary>Throws unless both tensors live on the same device.</summary>
    public static void SameDevice(
        string op, DeviceTensor first, string firstName, DeviceTensor second, string secondName)
    {
        ArgumentNullException.ThrowIfNull(first, firstName);
        ArgumentNullException.ThrowIfNull(second, secondName);
        if (!ReferenceEquals(first.Device, second.Device))
        {
            throw new ArgumentException(
                $"{op}: {firstName} is on device {first.Device.Name} and {secondName} on " +
                $"device {second.Device.Name}, but all operands must be on one device. Copy " +
                "one to the other's device first (DeviceTensor.ToHost, then ToDevice).",
                secondName);
        }
    }

    /// <summary>Throws unless every tensor lives on the device of the first one.</summary>
    public static void SameDevice(
        string op, params ReadOnlySpan<(DeviceTensor Tensor, string Name)> operands)
    {
        for (int i = 1; i < operands.Length; i++)
        {
            SameDevice(op, operands[0].Tensor, operands[0].Name, operands[i].Tensor,
                operands[i].Name);
        }
    }

    /// <summary>Throws unless both tensors have the same shape.</summary>
    public static void SameShape(
        string op, DeviceTensor first, string firstName, DeviceTensor second, string secondName)
    {
        if (first.Shape != second.Shape)
        {
            throw new ArgumentException(
                $"{op}: {firstName} has shape {first.Shape} but {secondName} has shape " +
                $"{second.Shape}, but they must be equal.", secondName);
        }
    }

    /// <summary>
    /// Throws unless <paramref name="tensor"/> has shape <paramref name="expected"/>.
    /// </summary>
    public static void HasShape(string op, DeviceTensor tensor, string name, Shape expected)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.Shape != expected)
        {
            throw new ArgumentException(
                $"{op}: {name} has shape {tensor.Shape}, expected {expected}.", name);
        }
    }

    /// <summary>
    /// Throws unless <paramref name="tensor"/> has <paramref name="expected"/> elements.
    /// </summary>
    public static void HasLength(string op, DeviceTensor tensor, string name, long expected)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.Length != expected)
        {
            throw new ArgumentException(
                $"{op}: {name} has shape {tensor.Shape} with {tensor.Length} elements, " +
                $"expected {expected}.", name);
        }
    }
}
