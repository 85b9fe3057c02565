using NativeGan.Tensors;

namespace NativeGan.Autodiff;

public static partial class Functions
{
    /// <summary>
    /// Returns a b for matrices a: (m, k) and b: (k, n). Backward: dA = dY b^T and
    /// dB = a^T dY, both computed without materializing a transpose.
    /// </summary>
    public static Variable MatMul(Variable a, Variable b) =>
        Variable.FromOperation(TensorOps.MatMul(a.Value, b.Value), [a, b], dY =>
        [
            a.RequiresGrad ? TensorOps.MatMul(dY, b.Value, transposeB: true) : null,
            b.RequiresGrad ? TensorOps.MatMul(a.Value, dY, transposeA: true) : null,
        ]);

    /// <summary>
    /// Returns x W^T + b as in torch.nn.functional.linear. x: (N, in), weight: (out, in),
    /// bias: (out) or null; result: (N, out).
    /// </summary>
    public static Variable Linear(Variable x, Variable weight, Variable? bias)
    {
        if (x.Value.Rank != 2 || weight.Value.Rank != 2 || x.Shape[1] != weight.Shape[1])
        {
            throw new ArgumentException(
                $"Linear: input {x.Shape} does not match weight {weight.Shape}; expected " +
                $"input (N, {(weight.Value.Rank == 2 ? weight.Shape[1] : "in")}).");
        }

        if (bias is not null && (bias.Value.Rank != 1 || bias.Shape[0] != weight.Shape[0]))
        {
            throw new ArgumentException(
                $"Linear: bias {bias.Shape} does not match weight {weight.Shape}; " +
                $"expected ({weight.Shape[0]},).");
        }

        Tensor y = TensorOps.MatMul(x.Value, weight.Value, transposeB: true);
        if (bias is not null)
        {
            TensorOps.Binary(TensorOps.BinaryOp.Add, y, bias.Value, y);
        }

        Variable[] parents = bias is null ? [x, weight] : [x, weight, bias];
        return Variable.FromOperation(y, parents, dY =>
        {
            Tensor? dX = x.RequiresGrad ? TensorOps.MatMul(dY, weight.Value) : null;
            Tensor? dW = weight.RequiresGrad
                ? TensorOps.MatMul(dY, x.Value, transposeA: true)
                : null;
            if (bias is null)
            {
                return [dX, dW];
            }

            Tensor? dB = bias.RequiresGrad ? TensorOps.Sum(dY, 0) : null;
            return [dX, dW, dB];
        });
    }
}
