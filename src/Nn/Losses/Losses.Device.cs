using NativeGan.Autodiff;
using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.Nn;

public static partial class Losses
{
    // The device version of BinaryCrossEntropyWithLogits: the loss and its gradient stay in
    // device memory. The loss sums in float on the device, where the host sums in double.
    private static Variable BinaryCrossEntropyWithLogitsOnDevice(Variable logits, Tensor targets)
    {
        ComputeDevice device = logits.Value.Device;
        var loss = Tensor.Zeros(device, new Shape());
        DeviceLosses.BceWithLogits(
            logits.Value.DeviceStorage, targets.DeviceStorage, loss.DeviceStorage);
        return Variable.FromOperation(loss, [logits], dY =>
        {
            var dX = Tensor.ZerosLike(logits.Value);
            DeviceLosses.BceWithLogitsBackward(
                logits.Value.DeviceStorage, targets.DeviceStorage, dY.DeviceStorage,
                dX.DeviceStorage);
            return [dX];
        });
    }
}
