using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// A counting proxy in front of Azurite, for an app in another process: every storage request passes through it
/// unchanged (shared-key signatures do not cover the port) and is counted by kind ("POST Cases batch", "GET Outbox row",
/// "PUT attachments blob" …).
/// </summary>
public sealed partial class StorageProxy : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient forward = new(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.None, UseCookies = false });
    private ConcurrentDictionary<string, int> counts = new();

    private StorageProxy(WebApplication app) => this.app = app;

    public string ConnectionString { get; private set; } = "";

    public static async Task<StorageProxy> Start(string azuriteConnectionString)
    {
        var targets = new[] { "BlobEndpoint", "QueueEndpoint", "TableEndpoint" }
            .Select(k => new Uri(Regex.Match(azuriteConnectionString, k + "=([^;]+)").Groups[1].Value)).ToList();
        var ports = targets.Select(_ => Azurite.FreePort()).ToList();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(ports.Select(p => $"http://127.0.0.1:{p}").ToArray());
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var proxy = new StorageProxy(app) { ConnectionString = Azurite.ConnectionStringFor(ports[0], ports[1], ports[2]) };
        app.Run(context => proxy.Forward(context, targets[ports.IndexOf(context.Connection.LocalPort)], ports.IndexOf(context.Connection.LocalPort) == 2));
        await app.StartAsync();
        return proxy;
    }

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(counts);

    public void Reset() => counts = new();

    private async Task Forward(HttpContext context, Uri target, bool table)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(target, request.Path.ToUriComponent() + request.QueryString.ToUriComponent()));
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        counts.AddOrUpdate(Kind(request, table), 1, (_, n) => n + 1);
        using var answer = await forward.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>Method, table or container, and what is addressed: a query, a row, a batch, a blob, the container.</summary>
    private static string Kind(HttpRequest request, bool table)
    {
        var path = request.Path.Value!.Trim('/').Split('/');
        if (table && path.Length > 1)
        {
            var what = path[1] == "$batch" ? "transaction" : path[1].EndsWith("()", StringComparison.Ordinal) ? "query" : path[1].Contains('(', StringComparison.Ordinal) ? "row" : "insert";
            return $"{request.Method} table {(path[1] == "$batch" ? "" : path[1].Split('(')[0])} {what}";
        }

        return $"{request.Method} blob {(path.Length > 1 ? path[1] : path[0])} {(path.Length > 2 ? "blob" : "container")}";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        forward.Dispose();
    }
}
