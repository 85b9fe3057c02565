using NativeGan.Tensors;
using NativeGan.Tensors.Convolution;
using NativeGan.Tensors.Pooling;

namespace NativeGan.Autodiff;

public static partial class Functions
{
    /// <summary>
    /// Returns 2-D max pooling of x as torch.nn.functional.max_pool2d.
    /// x: (N, C, H, W); result: (N, C, OH, OW) with OH = floor((H + 2 ph - dh (kh - 1) - 1)
    /// / sh) + 1 (rounded up in ceil mode), and OW likewise. Backward: each output gradient
    /// goes to the input element that was its window's maximum, the first one on ties.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x does not have rank 4, or the window does not fit in the padded input.
    /// </exception>
    public static Variable MaxPool2d(Variable x, Pool2dOptions options)
    {
        var geometry = Pool2dGeometry.Create(x.Shape, options, "MaxPool2d");
        var y = new Tensor(geometry.OutputShape);
        int[] indices = new int[y.Length];
        MaxPool2dKernels.Forward(geometry, x.Value.Data, y.Data, indices);
        return Variable.FromOperation(y, [x], dY =>
        {
            var dX = new Tensor(x.Shape);
            MaxPool2dKernels.Backward(geometry, dY.Data, indices, dX.Data);
            return [dX];
        });
    }

    /// <summary>
    /// Returns 2-D max pooling of x with the given window; see
    /// <see cref="MaxPool2d(Variable, Pool2dOptions)"/>. A null stride means the kernel size.
    /// </summary>
    public static Variable MaxPool2d(
        Variable x, Size2d kernelSize, Size2d? stride = null, Size2d padding = default,
        Size2d? dilation = null, bool ceilMode = false) =>
        MaxPool2d(x, new Pool2dOptions(kernelSize, stride, padding, dilation, ceilMode));

    /// <summary>
    /// Returns 2-D average pooling of x as torch.nn.functional.avg_pool2d.
    /// x: (N, C, H, W); result: (N, C, OH, OW), sized as for <see cref="MaxPool2d(Variable,
    /// Pool2dOptions)"/>. With <paramref name="countIncludePad"/> (PyTorch's default) the
    /// padding counts as zeros in each average; without, only input pixels are counted.
    /// Backward: each output gradient, divided by the same count, goes to every input
    /// element of its window.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x does not have rank 4, the window does not fit in the padded input, or the options
    /// have a dilation other than (1, 1).
    /// </exception>
    public static Variable AvgPool2d(
        Variable x, Pool2dOptions options, bool countIncludePad = true)
    {
        var geometry = Pool2dGeometry.Create(x.Shape, options, "AvgPool2d");
        var y = new Tensor(geometry.OutputShape);
        AvgPool2dKernels.Forward(geometry, countIncludePad, x.Value.Data, y.Data);
        return Variable.FromOperation(y, [x], dY =>
        {
            var dX = new Tensor(x.Shape);
            AvgPool2dKernels.Backward(geometry, countIncludePad, dY.Data, dX.Data);
            return [dX];
        });
    }

    /// <summary>
    /// Returns 2-D average pooling of x with the given window; see
    /// <see cref="AvgPool2d(Variable, Pool2dOptions, bool)"/>. A null stride means the
    /// kernel size.
    /// </summary>
    public static Variable AvgPool2d(
        Variable x, Size2d kernelSize, Size2d? stride = null, Size2d padding = default,
        bool ceilMode = false, bool countIncludePad = true) =>
        AvgPool2d(
            x, new Pool2dOptions(kernelSize, stride, padding, ceilMode: ceilMode),
            countIncludePad);
}
