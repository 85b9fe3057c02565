using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;
using NativeGan.Tensors.Normalization;

namespace NativeGan.Autodiff;

// Batch normalization on a device, with the semantics of the host version in
// Functions.BatchNorm.cs. The statistics stay on the device; they are float32 there, where
// the host accumulates them in double.
public static partial class Functions
{
    private static Variable BatchNormOnDevice(
        Variable x, Variable? weight, Variable? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps, BatchNormLayout layout)
    {
        ComputeDevice device = x.Value.Device;
        var channels = new Shape(layout.Channels);
        if (runningMean is not null)
        {
            TensorOps.OnDevice("BatchNorm", x.Value, runningMean, runningVar!);
        }

        // The kernels take a weight and a bias; an absent one acts as 1 or 0.
        Tensor scale = weight?.Value ?? Tensor.Full(device, 1f, channels);
        Tensor shift = bias?.Value ?? Tensor.Zeros(device, channels);
        var y = Tensor.ZerosLike(x.Value);
        var mean = Tensor.Zeros(device, channels);
        var variance = Tensor.Zeros(device, channels);
        if (training)
        {
            DeviceBatchNorm.ForwardTraining(
                x.Value.DeviceStorage, scale.DeviceStorage, shift.DeviceStorage, (float)eps,
                y.DeviceStorage, mean.DeviceStorage, variance.DeviceStorage);
            if (runningMean is not null && runningVar is not null)
            {
                DeviceBatchNorm.UpdateRunningStatistics(
                    mean.DeviceStorage, variance.DeviceStorage, layout.ValuesPerChannel,
                    (float)momentum, runningMean.DeviceStorage, runningVar.DeviceStorage);
            }
        }
        else
        {
            // Copied now, so that a later update of the running statistics does not change
            // this result.
            mean.CopyFrom(runningMean!);
            variance.CopyFrom(runningVar!);
            DeviceBatchNorm.ForwardInference(
                x.Value.DeviceStorage, scale.DeviceStorage, shift.DeviceStorage,
                mean.DeviceStorage, variance.DeviceStorage, (float)eps, y.DeviceStorage);
        }

        Variable[] parents = [x, .. new[] { weight, bias }.OfType<Variable>()];
        return Variable.FromOperation(y, parents, dY =>
        {
            if (!training)
            {
                throw new NotSupportedException(
                    "BatchNorm backward in evaluation mode has no device kernel. Train in " +
                    "training mode, or run the evaluation-mode gradient on the CPU.");
            }

            var dX = Tensor.ZerosLike(x.Value);
            var dWeight = Tensor.Zeros(device, channels);
            var dBias = Tensor.Zeros(device, channels);
            DeviceBatchNorm.Backward(
                x.Value.DeviceStorage, dY.DeviceStorage, scale.DeviceStorage,
                mean.DeviceStorage, variance.DeviceStorage, (float)eps, dX.DeviceStorage,
                dWeight.DeviceStorage, dBias.DeviceStorage);
            var gradients = new List<Tensor?> { x.RequiresGrad ? dX : null };
            if (weight is not null)
            {
                gradients.Add(weight.RequiresGrad ? dWeight : null);
            }

            if (bias is not null)
            {
                gradients.Add(bias.RequiresGrad ? dBias : null);
            }

            return gradients.ToArray();
        });
    }
}
