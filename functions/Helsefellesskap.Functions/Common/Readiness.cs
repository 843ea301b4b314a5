namespace Helsefellesskap.Functions.Common;

/// <summary>
/// Whether the work done after the server listens is finished: the community definition loaded into
/// storage. Health says "starting" (503, Retry-After) until it is, and names a load that failed.
/// </summary>
public sealed class Readiness
{
    public enum DataState
    {
        /// <summary>No community definition is configured: bodies and people come through the API.</summary>
        None,
        Loading,
        Ready,

        /// <summary>Loading failed (storage unreachable); it is tried again at the next start.</summary>
        Failed,
    }

    private readonly TaskCompletionSource settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile int state = (int)DataState.None;

    public DataState Data => (DataState)state;

    /// <summary>Completes when loading has ended (or at once when there is nothing to load).</summary>
    public Task Settled => Data == DataState.None ? Task.CompletedTask : settled.Task;

    public void Loading() => state = (int)DataState.Loading;

    public void Finished(bool loaded)
    {
        state = (int)(loaded ? DataState.Ready : DataState.Failed);
        settled.TrySetResult();
    }
}
