using Microsoft.Extensions.Options;
using SendGrid;

namespace Helsefellesskap.Functions.Email;

/// <summary>
/// Sends through SendGrid's v3 mail/send. SendGrid has no idempotency key; the outbox makes sure a
/// message is handed over once, and the outbox id travels in custom_args so webhook events can be
/// matched back to it.
/// </summary>
public sealed class SendGridSender : IEmailSender
{
    private readonly SendGridClient client;
    private readonly SendGridClientOptions clientOptions;
    private readonly EmailOptions options;
    private readonly AttachmentContents attachments;

    public SendGridSender(IOptions<EmailOptions> options, AttachmentContents attachments, IHttpClientFactory http)
    {
        this.attachments = attachments;
        this.options = options.Value;
        clientOptions = new SendGridClientOptions { ApiKey = this.options.SendGridApiKey };
        if (!string.IsNullOrWhiteSpace(this.options.SendGridHost))
        {
            clientOptions.Host = this.options.SendGridHost;
        }

        client = new SendGridClient(http.CreateClient(nameof(SendGridSender)), clientOptions);
    }

    public async Task<string> Send(EmailMessage message, CancellationToken ct)
    {
        var attached = new List<(EmailAttachment, byte[])>();
        foreach (var attachment in message.Attachments)
        {
            attached.Add((attachment, await attachments.Read(attachment, ct)));
        }

        // The body streamed (SendGridContent), not SendGrid's client serializing the whole message to one string.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(clientOptions.Host.TrimEnd('/') + "/"), $"{clientOptions.Version}/mail/send"))
        {
            Content = new SendGridContent(message, new EmailAddress(options.FromAddress, options.FromName), attached),
        };
        request.Headers.Authorization = clientOptions.Auth;
        request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/json"));
        var response = await client.MakeRequest(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Body.ReadAsStringAsync(ct);
            throw new HttpRequestException($"SendGrid answered {(int)response.StatusCode}: {detail}", null, response.StatusCode);
        }

        return response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.First() : message.Id;
    }

    /// <summary>
    /// Asks SendGrid's Email Activity API for a message carrying this outbox id. The API needs the
    /// account's activity history add-on and an API key with Email Activity access; without them it
    /// refuses, and the answer is "cannot say" (the outbox then sends again and logs a warning).
    /// </summary>
    public async Task<bool?> WasDelivered(string messageId, CancellationToken ct)
    {
        var query = Uri.EscapeDataString($"(unique_args['outboxId']=\"{messageId}\")");
        Response response;
        try
        {
            response = await client.RequestAsync(BaseClient.Method.GET, urlPath: $"messages?limit=1&query={query}", cancellationToken: ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(await response.Body.ReadAsStringAsync(ct));
            return json.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == System.Text.Json.JsonValueKind.Array
                ? messages.GetArrayLength() > 0
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
