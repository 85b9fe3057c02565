using ILGPU;

namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Sum of one value per thread over a group of <see cref="GroupSize"/> threads, through a
/// tree in shared memory. Device code for the explicitly grouped reduction kernels.
/// </summary>
/// <remarks>
/// The order of the additions depends only on the group size, so results are the same on
/// every run. Every thread of the group must call <see cref="Sum"/>, because it contains
/// barriers.
/// </remarks>
internal static class GroupReduction
{
    /// <summary>Threads per group of every reduction kernel, a power of two.</summary>
    public const int GroupSize = 256;

    /// <summary>
    /// Returns the sum of <paramref name="value"/> over the group to every thread.
    /// </summary>
    public static float Sum(float value)
    {
        ArrayView<float> partial = SharedMemory.Allocate<float>(GroupSize);
        int thread = Group.IdxX;
        partial[thread] = value;
        Group.Barrier();
        for (int half = GroupSize / 2; half > 0; half /= 2)
        {
            if (thread < half)
            {
                partial[thread] += partial[thread + half];
            }

            Group.Barrier();
        }

        float total = partial[0];

        // A later call may reuse the same shared memory, so all threads read first.
        Group.Barrier();
        return total;
    }
}
