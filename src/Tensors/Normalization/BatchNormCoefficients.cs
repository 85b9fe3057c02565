namespace NativeGan.Tensors.Normalization;

/// <summary>
/// Per-channel constants of the batch-norm forward map y = (x - Shift) * Scale + Offset.
/// </summary>
/// <param name="Shift">Channel mean rounded to float; inputs are centered on it.</param>
/// <param name="Scale">weight / sqrt(variance + eps).</param>
/// <param name="Offset">bias, corrected for the rounding of the mean to Shift.</param>
internal readonly record struct ForwardCoefficients(float Shift, float Scale, float Offset);

/// <summary>
/// Per-channel constants of the input gradient
/// dX = dY * DyScale + (x - Shift) * CenteredScale + Offset, with the channel's weight and
/// bias gradients.
/// </summary>
internal readonly record struct BackwardCoefficients(
    float Shift, float DyScale, float CenteredScale, float Offset, float DWeight, float DBias);

/// <summary>
/// Batch-norm formulas per channel, in double, shared by the plane and column loops so
/// both compute exactly the same constants.
/// </summary>
/// <remarks>
/// Inputs are centered on the mean rounded to float (the shift), and the difference
/// delta = mean - shift is folded into the constants, so the float element loops need only
/// x - shift.
/// </remarks>
internal static class BatchNormCoefficients
{
    /// <summary>
    /// Returns the mean and biased variance from the sums of d and d^2 over
    /// <paramref name="count"/> values, where d = x - shift. This corrected two-pass form
    /// stays accurate when the mean is large compared with the spread.
    /// </summary>
    public static (double Mean, double Variance) Statistics(
        float shift, double sum, double squares, long count)
    {
        double meanOffset = sum / count;
        double variance = Math.Max(squares / count - meanOffset * meanOffset, 0.0);
        return (shift + meanOffset, variance);
    }

    /// <summary>
    /// Returns the constants of y = weight * (x - mean) / sqrt(variance + eps) + bias.
    /// </summary>
    public static ForwardCoefficients Forward(
        double mean, double variance, double eps, float weight, float bias)
    {
        float shift = (float)mean;
        double scale = weight / Math.Sqrt(variance + eps);
        double offset = bias - (mean - shift) * scale;
        return new ForwardCoefficients(shift, (float)scale, (float)offset);
    }

    /// <summary>
    /// Returns the gradient constants from sumDy = sum(dY) and
    /// sumDyShifted = sum(dY * (x - shift)) over <paramref name="count"/> values.
    /// With batch statistics (training) the mean and variance depend on x:
    /// dX = w * invStd * (dY - mean(dY) - xHat * mean(dY * xHat)); otherwise (evaluation)
    /// dX = w * invStd * dY. In both, dWeight = sum(dY * xHat) and dBias = sum(dY).
    /// </summary>
    public static BackwardCoefficients Backward(
        double mean, double variance, double eps, float weight, long count,
        bool batchStatistics, double sumDy, double sumDyShifted)
    {
        float shift = (float)mean;
        double delta = mean - shift;
        double invStd = 1.0 / Math.Sqrt(variance + eps);
        double sumDyCentered = sumDyShifted - delta * sumDy;
        double dyScale = weight * invStd;
        double centeredScale = 0.0;
        double offset = 0.0;
        if (batchStatistics)
        {
            centeredScale = -weight * invStd * invStd * invStd * sumDyCentered / count;
            offset = -weight * invStd * sumDy / count - centeredScale * delta;
        }

        return new BackwardCoefficients(
            shift, (float)dyScale, (float)centeredScale, (float)offset,
            (float)(sumDyCentered * invStd), (float)sumDy);
    }
}
