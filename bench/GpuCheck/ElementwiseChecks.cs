using NativeGan.Tensors;
using NativeGan.Tensors.Gpu;

namespace NativeGan.GpuCheck;

/// <summary>
/// DeviceElementwise against TensorOps: add, subtract and multiply with b of a's shape, a
/// per-channel (C, 1, 1), a row vector (W) and a one-element tensor, and scaling.
/// </summary>
internal static class ElementwiseChecks
{
    // The tolerances of the device elementwise tests.
    private static readonly Tolerance BinaryTolerance = Tolerance.Relative(1e-6, 1e-6);
    private static readonly Tolerance ScaleTolerance = Tolerance.Relative(1e-6, 1e-7);

    /// <summary>Creates the checks.</summary>
    public static IEnumerable<KernelCheck> Create(ComputeDevice device, CheckSizes sizes)
    {
        int[] aShape = sizes.ElementwiseShape;
        int[][] bShapes =
        [
            aShape,
            [aShape[1], 1, 1],
            [aShape[^1]],
            [1],
        ];
        TensorOps.BinaryOp[] ops =
            [TensorOps.BinaryOp.Add, TensorOps.BinaryOp.Subtract, TensorOps.BinaryOp.Multiply];
        foreach (TensorOps.BinaryOp op in ops)
        {
            foreach (int[] bShape in bShapes)
            {
                var label = new KernelCheckLabel(
                    "elementwise", $"a {new Shape(aShape)}, b {new Shape(bShape)}");
                string name = op.ToString().ToLowerInvariant();
                yield return new KernelCheck(
                    label, name, () => [Binary(device, label, name, op, aShape, bShape)]);
            }
        }

        var scaleLabel = new KernelCheckLabel("elementwise", $"x {new Shape(aShape)}");
        yield return new KernelCheck(
            scaleLabel, "scale", () => [Scale(device, scaleLabel, aShape)]);
    }

    private static CheckResult Binary(
        ComputeDevice device, KernelCheckLabel label, string name, TensorOps.BinaryOp op,
        int[] aShape, int[] bShape)
    {
        var rng = new Rng((ulong)(61 + (int)op * 10 + bShape.Length));
        var a = new Tensor(HostArrays.Uniform(rng, new Shape(aShape).ElementCount), aShape);
        var b = new Tensor(HostArrays.Uniform(rng, new Shape(bShape).ElementCount), bShape);
        Tensor cpu = TensorOps.Binary(op, a, b);

        using DeviceTensor deviceA = a.ToDevice(device);
        using DeviceTensor deviceB = b.ToDevice(device);
        using DeviceTensor result = HostArrays.NaNs(device, a.Shape);
        Action<DeviceTensor, DeviceTensor, DeviceTensor> run = op switch
        {
            TensorOps.BinaryOp.Add => DeviceElementwise.Add,
            TensorOps.BinaryOp.Subtract => DeviceElementwise.Subtract,
            _ => DeviceElementwise.Multiply,
        };
        run(deviceA, deviceB, result);

        return Comparison.Compare(label, name, "TensorOps.Binary", result.ToHost().Data, cpu.Data,
            BinaryTolerance);
    }

    private static CheckResult Scale(ComputeDevice device, KernelCheckLabel label, int[] shape)
    {
        const float Factor = -0.37f;
        var x = new Tensor(HostArrays.Uniform(new Rng(62), new Shape(shape).ElementCount), shape);
        Tensor cpu = TensorOps.Scale(x, Factor);

        using DeviceTensor deviceX = x.ToDevice(device);
        using DeviceTensor y = HostArrays.NaNs(device, x.Shape);
        DeviceElementwise.Scale(deviceX, Factor, y);

        return Comparison.Compare(label, "scale", "TensorOps.Scale", y.ToHost().Data, cpu.Data,
            ScaleTolerance);
    }
}
