namespace NativeGan.Tensors.Kernels;

/// <summary>Validation of the sizes, strides and spans passed to <see cref="Gemm"/>.</summary>
internal static class GemmArguments
{
    /// <summary>
    /// Throws if a size is negative, a leading dimension is smaller than the row it
    /// spans, or a span is too short for the matrix that the sizes and stride describe.
    /// </summary>
    public static void Validate(
        bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        RequireNonNegative(m, nameof(m));
        RequireNonNegative(n, nameof(n));
        RequireNonNegative(k, nameof(k));
        ValidateOperand("A", "a", "lda", transA, m, k, aLength, lda);
        ValidateOperand("B", "b", "ldb", transB, k, n, bLength, ldb);
        ValidateOperand("C", "c", "ldc", false, m, n, cLength, ldc);
    }

    /// <summary>Throws unless <paramref name="maxThreads"/> is at least 1.</summary>
    public static void ValidateThreads(int maxThreads)
    {
        if (maxThreads < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxThreads), maxThreads,
                $"Gemm.Multiply: maxThreads must be at least 1 but was {maxThreads}.");
        }
    }

    private static void RequireNonNegative(int size, string name)
    {
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(
                name, size, $"Gemm.Multiply: {name} must be non-negative but was {size}.");
        }
    }

    // The operand op(X) is rows x cols. X is stored row-major as rows x cols, or as
    // cols x rows when transposed, and its rows are ld floats apart.
    private static void ValidateOperand(
        string matrix, string spanName, string ldName, bool transposed,
        int rows, int cols, int length, int ld)
    {
        int storedRows = transposed ? cols : rows;
        int storedCols = transposed ? rows : cols;
        if (ld < storedCols)
        {
            throw new ArgumentOutOfRangeException(
                ldName, ld,
                $"Gemm.Multiply: {ldName} = {ld} is less than the row length {storedCols}: " +
                $"{Describe(matrix, transposed, rows, cols)}. " +
                $"Pass a row stride of at least {storedCols}.");
        }

        long required = storedRows == 0 || storedCols == 0
            ? 0
            : (long)(storedRows - 1) * ld + storedCols;
        if (length < required)
        {
            throw new ArgumentException(
                $"Gemm.Multiply: span {spanName} has {length} elements, but " +
                $"{Describe(matrix, transposed, rows, cols)} with {ldName} = {ld} needs " +
                $"at least {required}.",
                spanName);
        }
    }

    private static string Describe(string matrix, bool transposed, int rows, int cols) =>
        transposed
            ? $"{matrix} is stored as {cols} x {rows} (transposed, op({matrix}) is {rows} x {cols})"
            : $"{matrix} is stored as {rows} x {cols}";
}
