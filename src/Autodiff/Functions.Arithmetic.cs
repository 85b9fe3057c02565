using NativeGan.Tensors;

namespace NativeGan.Autodiff;

/// <summary>
/// Differentiable operations on <see cref="Variable"/>. Each one computes its value and
/// defines its backward rule in the same place.
/// </summary>
public static partial class Functions
{
    /// <summary>Returns a + b with broadcasting; gradients are summed over broadcast dims.</summary>
    public static Variable Add(Variable a, Variable b) =>
        Variable.FromOperation(TensorOps.Add(a.Value, b.Value), [a, b], dY =>
            [TensorOps.SumTo(dY, a.Shape), TensorOps.SumTo(dY, b.Shape)]);

    /// <summary>Returns a - b with broadcasting.</summary>
    public static Variable Subtract(Variable a, Variable b) =>
        Variable.FromOperation(TensorOps.Subtract(a.Value, b.Value), [a, b], dY =>
            [TensorOps.SumTo(dY, a.Shape), TensorOps.SumTo(TensorOps.Negate(dY), b.Shape)]);

    /// <summary>Returns a * b elementwise with broadcasting.</summary>
    public static Variable Multiply(Variable a, Variable b) =>
        Variable.FromOperation(TensorOps.Multiply(a.Value, b.Value), [a, b], dY =>
        [
            a.RequiresGrad ? TensorOps.SumTo(TensorOps.Multiply(dY, b.Value), a.Shape) : null,
            b.RequiresGrad ? TensorOps.SumTo(TensorOps.Multiply(dY, a.Value), b.Shape) : null,
        ]);

    /// <summary>Returns a / b elementwise with broadcasting.</summary>
    public static Variable Divide(Variable a, Variable b)
    {
        Tensor y = TensorOps.Divide(a.Value, b.Value);
        return Variable.FromOperation(y, [a, b], dY =>
        {
            // dL/da = dY / b and dL/db = -dY * y / b, with y = a / b.
            Tensor? dA = a.RequiresGrad
                ? TensorOps.SumTo(TensorOps.Divide(dY, b.Value), a.Shape)
                : null;
            Tensor? dB = null;
            if (b.RequiresGrad)
            {
                Tensor quotient = TensorOps.Divide(TensorOps.Multiply(dY, y), b.Value);
                dB = TensorOps.SumTo(TensorOps.Negate(quotient), b.Shape);
            }

            return [dA, dB];
        });
    }

    /// <summary>Returns -x.</summary>
    public static Variable Negate(Variable x) =>
        Variable.FromOperation(TensorOps.Negate(x.Value), [x], dY => [TensorOps.Negate(dY)]);

    /// <summary>Returns x * factor for a constant factor.</summary>
    public static Variable Scale(Variable x, float factor) =>
        Variable.FromOperation(TensorOps.Scale(x.Value, factor), [x], dY =>
            [TensorOps.Scale(dY, factor)]);

    /// <summary>Returns x + value for a constant value.</summary>
    public static Variable AddScalar(Variable x, float value) =>
        Variable.FromOperation(TensorOps.AddScalar(x.Value, value), [x], dY => [dY]);

    /// <summary>Returns x * x.</summary>
    public static Variable Square(Variable x) =>
        Variable.FromOperation(TensorOps.Square(x.Value), [x], dY =>
            [TensorOps.Multiply(dY, TensorOps.Scale(x.Value, 2f))]);
}
