namespace NativeGan.Autodiff;

public sealed partial class Variable
{
    /// <summary>Adds with broadcasting.</summary>
    public static Variable operator +(Variable a, Variable b) => Functions.Add(a, b);

    /// <summary>Subtracts with broadcasting.</summary>
    public static Variable operator -(Variable a, Variable b) => Functions.Subtract(a, b);

    /// <summary>Multiplies elementwise with broadcasting.</summary>
    public static Variable operator *(Variable a, Variable b) => Functions.Multiply(a, b);

    /// <summary>Divides elementwise with broadcasting.</summary>
    public static Variable operator /(Variable a, Variable b) => Functions.Divide(a, b);

    /// <summary>Negates.</summary>
    public static Variable operator -(Variable x) => Functions.Negate(x);

    /// <summary>Multiplies by a constant.</summary>
    public static Variable operator *(Variable x, float factor) => Functions.Scale(x, factor);

    /// <summary>Multiplies by a constant.</summary>
    public static Variable operator *(float factor, Variable x) => Functions.Scale(x, factor);

    /// <summary>Adds a constant.</summary>
    public static Variable operator +(Variable x, float value) => Functions.AddScalar(x, value);
}
