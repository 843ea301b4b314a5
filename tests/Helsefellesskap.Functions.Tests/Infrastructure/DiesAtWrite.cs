using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>
/// A storage fault for an app instance (registered as an <see cref="HttpPipelinePolicy"/>): as if the
/// process were killed at its Nth storage write, or at its first write once something has happened.
/// </summary>
public sealed class DiesAtWrite : HttpPipelinePolicy
{
    private readonly int n;
    private readonly Func<bool> happened;
    private int writes;
    private bool dead;

    public DiesAtWrite(int n)
    {
        this.n = n;
        happened = () => true;
    }

    /// <summary>Whether the process "died": a test whose crash never came tests nothing.</summary>
    public bool Died => dead;

    /// <summary>Dies at the first write after <paramref name="happened"/> turns true.</summary>
    public DiesAtWrite(Func<bool> happened)
    {
        n = 1;
        this.happened = happened;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app's storage calls are asynchronous.");

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (message.Request.Method != RequestMethod.Get && message.Request.Method != RequestMethod.Head && happened() && Interlocked.Increment(ref writes) >= n)
        {
            dead = true;
        }

        return dead ? throw new RequestFailedException(0, $"Simulert krasj ved skriving nr. {n}") : ProcessNextAsync(message, pipeline);
    }
}

/// <summary>As if the process were killed at the first storage request <paramref name="at"/> picks: that request and every later one fail.</summary>
public sealed class DiesAtRequest(Func<HttpMessage, bool> at) : HttpPipelinePolicy
{
    private bool dead;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app's storage calls are asynchronous.");

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        dead |= at(message);
        return dead ? throw new RequestFailedException(0, "Simulert krasj") : ProcessNextAsync(message, pipeline);
    }
}

/// <summary>Stops the storage service itself (<paramref name="stop"/>) at the Nth write after <see cref="Arm"/>; that write and what follows meet a storage that is gone.</summary>
public sealed class StopsStorageAtWrite(int n, Action stop) : HttpPipelinePolicy
{
    private int writes;
    private volatile bool armed;

    public bool Stopped { get; private set; }

    public void Arm() => armed = true;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app's storage calls are asynchronous.");

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (armed && message.Request.Method != RequestMethod.Get && message.Request.Method != RequestMethod.Head && Interlocked.Increment(ref writes) == n)
        {
            stop();
            Stopped = true;
        }

        return ProcessNextAsync(message, pipeline);
    }
}

/// <summary>Counts what an app instance reads from storage: requests and response bytes, while <see cref="Counting"/>.</summary>
public sealed class CountsStorageReads : HttpPipelinePolicy
{
    private long bytes;
    private int requests;

    public bool Counting { get; set; }

    public long Bytes => Interlocked.Read(ref bytes);

    public int Requests => requests;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app's storage calls are asynchronous.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (Counting && message.Request.Method == RequestMethod.Get)
        {
            Interlocked.Increment(ref requests);
            Interlocked.Add(ref bytes, message.Response.Content.ToMemory().Length);
        }
    }
}
