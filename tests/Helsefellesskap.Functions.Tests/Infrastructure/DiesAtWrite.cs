using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>
/// A storage fault for an app instance (registered as an <see cref="HttpPipelinePolicy"/>): as if the
/// process were killed at its Nth storage write.
/// </summary>
public sealed class DiesAtWrite(int n) : HttpPipelinePolicy
{
    private int writes;
    private bool dead;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app's storage calls are asynchronous.");

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (message.Request.Method != RequestMethod.Get && message.Request.Method != RequestMethod.Head && Interlocked.Increment(ref writes) >= n)
        {
            dead = true;
        }

        return dead ? throw new RequestFailedException(0, $"Simulert krasj ved skriving nr. {n}") : ProcessNextAsync(message, pipeline);
    }
}
