namespace NativeGan.Tensors.Convolution;

/// <summary>
/// Scratch buffers of the convolution kernels, one set per calling thread, reused across
/// calls and grown when a call needs more, so that a call allocates no scratch once the
/// buffers are large enough.
/// </summary>
/// <remarks>
/// The buffers belong to the thread that calls a kernel; the worker threads of that call
/// write into them but never rent their own. A thread keeps its largest buffers until it
/// ends: about <see cref="GroupedConvolution.GroupBudget"/> floats for layers whose
/// receptive field and output fit, more for a single sample that does not.
/// </remarks>
internal static class ConvolutionWorkspace
{
    [ThreadStatic]
    private static float[]? t_rows;

    [ThreadStatic]
    private static float[]? t_staging;

    /// <summary>
    /// Returns the calling thread's im2row buffer, at least <paramref name="length"/> floats.
    /// </summary>
    public static float[] Im2RowBuffer(int length) => Grow(ref t_rows, length);

    /// <summary>
    /// Returns the calling thread's buffer for a batch of output planes rearranged as one
    /// matrix, at least <paramref name="length"/> floats.
    /// </summary>
    public static float[] StagingBuffer(int length) => Grow(ref t_staging, length);

    private static float[] Grow(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = GC.AllocateUninitializedArray<float>(length);
        }

        return buffer;
    }
}
