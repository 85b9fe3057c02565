using ILGPU;
using NativeGan.Tensors.Convolution;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Kernels that lower a Conv2d to matrix products: im2col, its adjoint col2im, and the
/// swap of the two leading axes that moves between (N, C, pixels) and (C, N, pixels).
/// </summary>
/// <remarks>
/// The column matrix of a geometry g has K = InChannels kh kw rows, row (c, i, j) for
/// input channel c and kernel tap (i, j), and N OutHeight OutWidth columns, column
/// (n, oh, ow). Its element is the input pixel that tap (i, j) of output pixel (oh, ow)
/// reads: row oh sh - ph + i dh, column ow sw - pw + j dw, or 0 in the padding.
/// </remarks>
internal static class ConvolutionLowering
{
    // Shapes: x (N, Cin, H, W), columns (Cin kh kw, N OH OW). One thread per column element.
    [DeviceKernel]
    internal static void Im2ColKernel(
        Index1D index, ArrayView<float> x, ArrayView<float> columns, Conv2dGeometry g)
    {
        int outPlane = g.OutPlaneSize;
        int columnCount = g.Batch * outPlane;
        int row = index / columnCount;
        int column = index - row * columnCount;
        int j = row % g.Kernel.Width;
        int i = row / g.Kernel.Width % g.Kernel.Height;
        int channel = row / (g.Kernel.Width * g.Kernel.Height);
        int sample = column / outPlane;
        int pixel = column - sample * outPlane;
        int oh = pixel / g.OutWidth;
        int ow = pixel - oh * g.OutWidth;
        int ih = oh * g.Stride.Height - g.Padding.Height + i * g.Dilation.Height;
        int iw = ow * g.Stride.Width - g.Padding.Width + j * g.Dilation.Width;
        float value = 0f;
        if (ih >= 0 && ih < g.InHeight && iw >= 0 && iw < g.InWidth)
        {
            long plane = (long)sample * g.InChannels + channel;
            value = x[(plane * g.InHeight + ih) * g.InWidth + iw];
        }

        columns[index] = value;
    }

    // Shapes: columns (Cin kh kw, N OH OW), dX (N, Cin, H, W). One thread per input pixel
    // gathers, in a fixed order, every column element that im2col copied from it, so no
    // atomics are needed and results repeat exactly.
    [DeviceKernel]
    internal static void Col2ImKernel(
        Index1D index, ArrayView<float> columns, ArrayView<float> dX, Conv2dGeometry g)
    {
        int iw = index % g.InWidth;
        int ih = index / g.InWidth % g.InHeight;
        int channel = index / g.InPlaneSize % g.InChannels;
        int sample = index / (g.InPlaneSize * g.InChannels);
        long columnCount = (long)g.Batch * g.OutPlaneSize;
        long sampleColumn = (long)sample * g.OutPlaneSize;
        float sum = 0f;
        for (int i = 0; i < g.Kernel.Height; i++)
        {
            int rowOffset = ih + g.Padding.Height - i * g.Dilation.Height;
            int oh = rowOffset / g.Stride.Height;
            if (rowOffset < 0 || oh * g.Stride.Height != rowOffset || oh >= g.OutHeight)
            {
                continue;
            }

            for (int j = 0; j < g.Kernel.Width; j++)
            {
                int columnOffset = iw + g.Padding.Width - j * g.Dilation.Width;
                int ow = columnOffset / g.Stride.Width;
                if (columnOffset < 0 || ow * g.Stride.Width != columnOffset ||
                    ow >= g.OutWidth)
                {
                    continue;
                }

                long row = ((long)channel * g.Kernel.Height + i) * g.Kernel.Width + j;
                sum += columns[row * columnCount + sampleColumn + oh * g.OutWidth + ow];
            }
        }

        dX[index] = sum;
    }

    // Shapes: source (A, B, P), target (B, A, P). One thread per target element.
    [DeviceKernel]
    internal static void SwapLeadingAxesKernel(
        Index1D index, ArrayView<float> source, ArrayView<float> target, int a, int b, int p)
    {
        int position = index % p;
        int rest = index / p;
        int ai = rest % a;
        int bi = rest / a;
        target[index] = source[((long)ai * b + bi) * p + position];
    }
}
