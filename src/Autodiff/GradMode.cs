namespace NativeGan.Autodiff;

/// <summary>
/// Per-thread switch for graph recording, like torch.no_grad(). While disabled, operations
/// compute values only and the results have no history.
/// </summary>
public static class GradMode
{
    [ThreadStatic]
    private static int t_disabledDepth;

    /// <summary>Whether operations on this thread record the graph.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Disables recording until the returned scope is disposed; scopes nest.</summary>
    public static IDisposable NoGrad()
    {
        t_disabledDepth++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                t_disabledDepth--;
            }
        }
    }
}
