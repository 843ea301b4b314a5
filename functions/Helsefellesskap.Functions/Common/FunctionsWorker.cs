namespace Helsefellesskap.Functions.Common;

/// <summary>Whether this process is the isolated worker the Functions host started (it sets the worker runtime; Azure does too).</summary>
public static class FunctionsWorker
{
    public static bool StartedByHost => Environment.GetEnvironmentVariable("FUNCTIONS_WORKER_RUNTIME") is "dotnet-isolated";

    private static readonly TaskCompletionSource Answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done when this worker has answered its first request: the host has started, its listeners are up.</summary>
    public static Task FirstAnswer => Answered.Task;

    /// <summary>Called after each answer; the first completes <see cref="FirstAnswer"/>.</summary>
    public static void HasAnswered() => Answered.TrySetResult();
}
