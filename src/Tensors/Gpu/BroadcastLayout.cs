namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Map from an element of a tensor to the element of a smaller operand that broadcasts
/// onto it: b index = (i / Inner) % Period. Covers a scalar (Period 1), a row vector such
/// as a bias (Period = last size, Inner 1), a per-channel vector of (N, C, H, W)
/// (Period C, Inner H W) and an operand of the full shape (Period = length, Inner 1).
/// </summary>
/// <param name="Period">Number of elements of the broadcast operand.</param>
/// <param name="Inner">
/// Elements of the target that share one element of the operand in a row.
/// </param>
internal readonly record struct BroadcastLayout(int Period, int Inner)
{
    /// <summary>Returns the operand index for target element <paramref name="i"/>.</summary>
    public int Index(int i) => i / Inner % Period;

    /// <summary>
    /// Creates the layout with which <paramref name="operand"/> broadcasts onto
    /// <paramref name="target"/> by NumPy's rules, when the operand's sizes other than 1 form
    /// one run of consecutive axes that equal the target's.
    /// </summary>
    /// <exception cref="ArgumentException">The operand does not broadcast that way.</exception>
    public static BroadcastLayout For(Shape target, Shape operand, string op)
    {
        if (!TryFor(target, operand, out BroadcastLayout layout))
        {
            throw new ArgumentException(
                $"{op}: operand of shape {operand} does not broadcast onto {target} in a " +
                "form the device kernels take. Expected a scalar, a row vector of the last " +
                "size, a per-channel shape such as (C, 1, 1), or the same shape.");
        }

        return layout;
    }

    /// <summary>
    /// Creates the layout as <see cref="For"/> does, or returns false when the operand's
    /// sizes other than 1 do not form one run of consecutive axes equal to the target's.
    /// </summary>
    public static bool TryFor(Shape target, Shape operand, out BroadcastLayout layout)
    {
        layout = default;
        int lead = target.Rank - operand.Rank;
        int first = -1;
        int last = -1;
        bool fits = lead >= 0;
        for (int axis = 0; fits && axis < operand.Rank; axis++)
        {
            int size = operand[axis];
            fits = size == 1 || size == target[lead + axis];
            if (size != 1)
            {
                first = first < 0 ? lead + axis : first;
                last = lead + axis;
            }
        }

        // Inside the run, a size of 1 against a larger target size would repeat values
        // out of order, which one period and stride cannot express.
        for (int axis = Math.Max(first, 0); fits && first >= 0 && axis <= last; axis++)
        {
            fits = operand[axis - lead] == target[axis];
        }

        if (!fits)
        {
            return false;
        }

        if (first < 0)
        {
            layout = new BroadcastLayout(1, 1);
            return true;
        }

        int period = 1;
        int inner = 1;
        for (int axis = first; axis <= last; axis++)
        {
            period *= target[axis];
        }

        for (int axis = last + 1; axis < target.Rank; axis++)
        {
            inner *= target[axis];
        }

        layout = new BroadcastLayout(period, inner);
        return true;
    }
}
