namespace NativeGan.Tensors.Gpu;

/// <summary>
/// Four floats that a kernel keeps in registers, such as one row of a GEMM thread's 4 x 4
/// output block. ILGPU turns the fields into separate registers.
/// </summary>
internal struct Float4
{
    /// <summary>Element 0.</summary>
    public float X;

    /// <summary>Element 1.</summary>
    public float Y;

    /// <summary>Element 2.</summary>
    public float Z;

    /// <summary>Element 3.</summary>
    public float W;

    /// <summary>Creates the vector (x, y, z, w).</summary>
    public Float4(float x, float y, float z, float w)
    {
        X = x;
        Y = y;
        Z = z;
        W = w;
    }

    /// <summary>Returns sum + scale * vector, element by element.</summary>
    public static Float4 MultiplyAdd(Float4 sum, float scale, Float4 vector) => new(
        sum.X + scale * vector.X,
        sum.Y + scale * vector.Y,
        sum.Z + scale * vector.Z,
        sum.W + scale * vector.W);
}
