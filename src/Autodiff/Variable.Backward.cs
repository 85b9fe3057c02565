using NativeGan.Tensors;

namespace NativeGan.Autodiff;

public sealed partial class Variable
{
    /// <summary>
    /// Computes gradients of this scalar with respect to every leaf that requires them,
    /// adding to their <see cref="Grad"/> as PyTorch does.
    /// </summary>
    public void Backward()
    {
        if (Value.Length != 1)
        {
            throw new InvalidOperationException(
                $"Backward() without a gradient needs a scalar, but the shape is {Shape}. " +
                "Reduce the output (for example with Sum or Mean) or pass a gradient.");
        }

        Backward(Tensor.Full(Value.Device, 1f, Shape));
    }

    /// <summary>Propagates <paramref name="gradient"/> (dL/d this) back through the graph.</summary>
    public void Backward(Tensor gradient)
    {
        if (gradient.Shape != Shape)
        {
            throw new ArgumentException(
                $"Backward: gradient shape {gradient.Shape} must equal the output shape {Shape}.");
        }

        if (gradient.IsOnDevice != Value.IsOnDevice ||
            (gradient.IsOnDevice && !ReferenceEquals(gradient.Device, Value.Device)))
        {
            throw new ArgumentException(
                $"Backward: the gradient is on {gradient.Device.Name} but the output {this} is " +
                $"on {Value.Device.Name}. Copy the gradient with To(device) first.");
        }

        if (!RequiresGrad)
        {
            throw new InvalidOperationException(
                $"Backward: {this} does not require a gradient. It was computed from " +
                "constants only, inside GradMode.NoGrad(), or from a detached value.");
        }

        List<Variable> order = TopologicalOrder(this);
        var pending = new Dictionary<Variable, Tensor>(ReferenceEqualityComparer.Instance)
        {
            [this] = gradient,
        };

        using (GradMode.NoGrad())
        {
            for (int i = order.Count - 1; i >= 0; i--)
            {
                Variable node = order[i];
                if (!pending.Remove(node, out Tensor? gradOutput))
                {
                    continue;
                }

                if (node.IsLeaf)
                {
                    node.AccumulateLeafGrad(gradOutput);
                    continue;
                }

                Tensor?[] gradInputs = node.Rule!(gradOutput);
                for (int p = 0; p < node.Parents.Length; p++)
                {
                    Variable parent = node.Parents[p];
                    Tensor? gradInput = gradInputs[p];
                    if (gradInput is null || !parent.RequiresGrad)
                    {
                        continue;
                    }

                    if (gradInput.Shape != parent.Shape)
                    {
                        throw new InvalidOperationException(
                            $"Backward rule returned a gradient of shape {gradInput.Shape} " +
                            $"for an input of shape {parent.Shape}.");
                    }

                    // Out of place on purpose: a rule may hand the same tensor to several
                    // parents, so adding in place could corrupt another parent's gradient.
                    pending[parent] = pending.TryGetValue(parent, out Tensor? sum)
                        ? TensorOps.Add(sum, gradInput)
                        : gradInput;
                }
            }
        }
    }

    private void AccumulateLeafGrad(Tensor gradient)
    {
        if (Grad is null)
        {
            Grad = gradient.Clone();
        }
        else
        {
            TensorOps.Binary(TensorOps.BinaryOp.Add, Grad, gradient, Grad);
        }
    }

    // Iterative depth-first search: deep graphs must not overflow the stack. Returns the
    // nodes that need gradients with every node after all of its parents.
    private static List<Variable> TopologicalOrder(Variable root)
    {
        var order = new List<Variable>();
        var visited = new HashSet<Variable>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Variable Node, int NextParent)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Parents.Length)
            {
                stack.Push((node, next + 1));
                Variable parent = node.Parents[next];
                if (parent.RequiresGrad && visited.Add(parent))
                {
                    stack.Push((parent, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }

        return order;
    }
}
