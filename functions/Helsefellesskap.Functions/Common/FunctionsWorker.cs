namespace Helsefellesskap.Functions.Common;

/// <summary>Whether this process is the isolated worker the Functions host started (it sets the worker runtime; Azure does too).</summary>
public static class FunctionsWorker
{
    public static bool StartedByHost => Environment.GetEnvironmentVariable("FUNCTIONS_WORKER_RUNTIME") is "dotnet-isolated";
}
