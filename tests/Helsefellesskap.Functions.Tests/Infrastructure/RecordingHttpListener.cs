using System.Collections.Concurrent;
using System.Net;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>A loopback HTTP server that records every request and answers with the status codes it is given, in turn.</summary>
public sealed class RecordingHttpListener : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<int> answers = new();
    private readonly Task loop;

    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, string Query = "", int Status = 0);

    public RecordingHttpListener()
    {
        var port = Azurite.FreePort();
        Url = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(Url + "/");
        listener.Start();
        loop = Task.Run(Serve);
    }

    public string Url { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>The GET requests, kept apart so counting what was handed over stays simple.</summary>
    public ConcurrentQueue<Request> Gets { get; } = new();

    /// <summary>Answers GET requests (status and JSON body), given every request recorded so far; without it a GET is answered 404.</summary>
    public Func<Request, IReadOnlyCollection<Request>, (int Status, string Body)>? AnswerGet { get; set; }

    /// <summary>Status codes for the next answers to other requests; after them, 202 Accepted.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            answers.Enqueue(status);
        }
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var request = new Request(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body, context.Request.Url.Query);
            if (request.Method == "GET")
            {
                Gets.Enqueue(request);
                var (getStatus, json) = AnswerGet?.Invoke(request, Requests.ToArray()) ?? (404, "{}");
                context.Response.StatusCode = getStatus;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(json));
                context.Response.Close();
                continue;
            }

            var status = answers.TryDequeue(out var next) ? next : 202;
            Requests.Enqueue(request with { Status = status });
            context.Response.StatusCode = status;
            context.Response.Headers["X-Message-Id"] = "sg-" + Requests.Count;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
