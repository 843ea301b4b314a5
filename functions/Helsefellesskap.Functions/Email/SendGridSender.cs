using Helsefellesskap.Functions.Storage;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Helsefellesskap.Functions.Email;

/// <summary>
/// Sends through SendGrid's v3 mail/send. SendGrid has no idempotency key; the outbox makes sure a
/// message is handed over once, and the outbox id travels in custom_args so webhook events can be
/// matched back to it.
/// </summary>
public sealed class SendGridSender : IEmailSender
{
    private readonly SendGridClient client;
    private readonly EmailOptions options;
    private readonly StorageClients storage;
    private readonly AttachmentContents attachments;

    public SendGridSender(IOptions<EmailOptions> options, StorageClients storage, AttachmentContents attachments, IHttpClientFactory http)
    {
        this.attachments = attachments;
        this.options = options.Value;
        this.storage = storage;
        var clientOptions = new SendGridClientOptions { ApiKey = this.options.SendGridApiKey };
        if (!string.IsNullOrWhiteSpace(this.options.SendGridHost))
        {
            clientOptions.Host = this.options.SendGridHost;
        }

        client = new SendGridClient(http.CreateClient(nameof(SendGridSender)), clientOptions);
    }

    public async Task<string> Send(EmailMessage message, CancellationToken ct)
    {
        var mail = new SendGridMessage
        {
            From = new SendGrid.Helpers.Mail.EmailAddress(options.FromAddress, options.FromName),
            Subject = message.Subject,
            PlainTextContent = message.TextBody,
            HtmlContent = message.HtmlBody,
        };
        mail.AddTos(message.To.Select(t => new SendGrid.Helpers.Mail.EmailAddress(t.Email, t.Name)).ToList());
        mail.AddCustomArg("outboxId", message.Id);
        foreach (var attachment in message.Attachments)
        {
            mail.AddAttachment(attachment.FileName, await attachments.Base64(attachment, ct), attachment.ContentType);
        }

        var response = await client.SendEmailAsync(mail, ct);
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
