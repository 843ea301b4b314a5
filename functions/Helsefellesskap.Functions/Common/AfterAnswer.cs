using System.Threading.Channels;

namespace Helsefellesskap.Functions.Common;

/// <summary>
/// Work a request hands on to be done just after its answer: sending what it has recorded (a new case's receipt and
/// the secretariat's notice, an absence's confirmations and the stand-in's summons with the papers). The request first
/// records, where it outlives the process, that the work is owed (the case's row in the index of pending receipts, the
/// outbox's pending mail); so work lost here (the process stopped or was scaled away) is done by the ticker's sweep a
/// minute later, and the answer waits for none of it. Two items run at a time, beside the requests.
/// </summary>
public sealed class AfterAnswer(ILogger<AfterAnswer> log) : BackgroundService
{
    private readonly Channel<(string What, Func<CancellationToken, Task> Work)> queue = Channel.CreateUnbounded<(string, Func<CancellationToken, Task>)>();
    private readonly Lock gate = new();
    private int waiting;
    private TaskCompletionSource idle = Done();

    /// <summary>Hands on <paramref name="work"/> (<paramref name="what"/> names it in the log should it fail).</summary>
    public void Run(string what, Func<CancellationToken, Task> work)
    {
        lock (gate)
        {
            if (waiting++ == 0)
            {
                idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        queue.Writer.TryWrite((what, work));
    }

    /// <summary>
    /// Waits until everything handed on so far is done, at most <paramref name="timeout"/>: the development outbox
    /// shows what was sent, and a test reads it, once the sending after the answer is over.
    /// </summary>
    public async Task<bool> Idle(TimeSpan timeout)
    {
        Task done;
        lock (gate)
        {
            done = idle.Task;
        }

        return await Task.WhenAny(done, Task.Delay(timeout)) == done;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(queue.Reader.ReadAllAsync(stoppingToken), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = stoppingToken }, async (item, ct) =>
            {
                try
                {
                    await item.Work(ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    log.LogWarning(e, "{What} failed after the answer; the ticker's sweep does it", item.What);
                }
                finally
                {
                    lock (gate)
                    {
                        if (--waiting == 0)
                        {
                            idle.TrySetResult();
                        }
                    }
                }
            });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is left is owed in storage and swept by the ticker.
        }
    }

    private static TaskCompletionSource Done()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
