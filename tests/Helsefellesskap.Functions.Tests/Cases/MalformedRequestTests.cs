using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Helsefellesskap.Functions.Tests.Cases;

/// <summary>Bodies that are too large without saying so, malformed, or cut off are refused clearly; storage being away is a 503 to retry.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class MalformedRequestTests(AppFixture app)
{
    /// <summary>A body sent in chunks, with no Content-Length for the app to check first.</summary>
    private sealed class ChunkedContent(byte[] bytes, string contentType) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var i = 0; i < bytes.Length; i += 64 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(64 * 1024, bytes.Length - i)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }

        public ChunkedContent Typed()
        {
            Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return this;
        }
    }

    [Fact]
    public async Task AChunkedJsonBody_OverTheLimit_Is413()
    {
        var json = Encoding.UTF8.GetBytes("{\"title\": \"" + new string('x', 3 * 1024 * 1024) + "\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = new ChunkedContent(json, "application/json").Typed() };
        request.Headers.TransferEncodingChunked = true;
        HttpResponseMessage response;
        try
        {
            response = await app.Http.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The server may close the connection while the rest is still being sent; then ask again small to see it is alive.
            Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/api/health")).StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task InvalidUtf8_Is400()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"title\": \"Sak \"}").ToList();
        bytes.InsertRange(14, new byte[] { 0xC3, 0x28, 0xFF });
        var response = await app.Http.PostAsync("/api/cases", new ByteArrayContent([.. bytes]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ALoneSurrogate_Is400()
    {
        var submission = Submissions.Valid().ToJsonString().Replace("\"title\":\"", "\"title\":\"\\ud800", StringComparison.Ordinal);
        var response = await app.Http.PostAsync("/api/cases", new StringContent(submission, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ikke er gyldig tekst", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ATruncatedMultipartBody_Is400()
    {
        const string boundary = "grense123";
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nSak som stopper midt i";
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        var response = await app.Http.PostAsync("/api/cases", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task StorageAway_Is503WithRetryAfter_InNorwegian()
    {
        var dead = Azurite.FreePort();
        var away = await app.StartAnother(settings => settings["Storage:ConnectionString"] = Azurite.ConnectionStringFor(dead, dead, dead));
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(away.Urls.First()) };
            var response = await client.PostAsync("/api/cases", Submissions.AsJson(Submissions.Valid()));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
            Assert.Contains("midlertidig utilgjengelig", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await away.StopAsync();
            await away.DisposeAsync();
        }
    }
}
