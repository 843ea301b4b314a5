using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Documents;

/// <summary>
/// The function app and its renderer container (ADR 6): a request to one of the renderer's /api/internal
/// routes with the shared key, and on the renderer the check that a request carries that key.
/// </summary>
public static class RendererCall
{
    /// <summary>Posts <paramref name="content"/> to the renderer's <paramref name="route"/> ("/api/internal/render") and returns the PDF it answers with.</summary>
    public static async Task<byte[]> Post(IHttpClientFactory? http, DocumentOptions options, string route, HttpContent content, string what, CancellationToken ct)
    {
        using var client = http?.CreateClient(nameof(RendererCall)) ?? new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, options.RendererUrl.TrimEnd('/') + route) { Content = content };
        request.Headers.Add(SecretariatAccess.Header, options.RendererKey);
        using var response = await client.SendAsync(request, ct);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadAsByteArrayAsync(ct)
            : throw new HttpRequestException($"The renderer at {options.RendererUrl} answered {(int)response.StatusCode} to {what}.");
    }

    /// <summary>On the renderer: whether the request carries the renderer key (never true where no key is set).</summary>
    public static bool IsFromApp(HttpRequest request, DocumentOptions options) =>
        SecretariatAccess.KeyMatches(request.Headers[SecretariatAccess.Header].FirstOrDefault(), options.RendererKey);
}
