using Microsoft.DurableTask.Client;

namespace Helsefellesskap.Functions.Common;

/// <summary>
/// The Durable client of the function invocation this code runs in (ADR 0019). The isolated worker hands it only to a
/// function as its <c>[DurableClient]</c> binding, not through dependency injection; each function that may start or
/// wake a meeting's orchestration sets it here for the code it calls (an async-local, like HttpContextAccessor).
/// Null outside a function (the app on Kestrel, the work done at start).
/// </summary>
public static class DurableClients
{
    private static readonly AsyncLocal<DurableTaskClient?> Holder = new();

    public static DurableTaskClient? Current => Holder.Value;

    /// <summary>Makes <paramref name="client"/> the current one for the rest of this async flow.</summary>
    public static void Use(DurableTaskClient client) => Holder.Value = client;
}
