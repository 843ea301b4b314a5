using System.Text.Json;
using System.Text.Json.Nodes;
using Helsefellesskap.Functions.Email;

namespace Helsefellesskap.Functions.Tests.Email;

/// <summary>
/// The mail/send body the sender streams is the JSON SendGrid's own client makes for the same message, and
/// says its length exactly: attachments of any size (encoded piece by piece; an empty one left out, as the
/// client does), names and text of any letters.
/// </summary>
public sealed class SendGridContentTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(147_456)]
    [InlineData(400_001)]
    public async Task TheStreamedBody_IsWhatSendGridsClientSerializes_WithItsExactLength(int size)
    {
        var packet = new byte[size];
        new Random(size).NextBytes(packet);
        var message = new EmailMessage("summons.ssu-2027-02-11.k1",
            [new EmailAddress("kari.nordli@example.org", "Kari «Nordli» Ås"), new EmailAddress("ola@example.org")],
            "Innkalling til møte i SSU – æøå \"sitat\"",
            "Hei Kari,\nVelkommen.\t</script>",
            "<p>Hei Kari, velkommen &amp; takk</p>",
            [new EmailAttachment("sakspapirer.pdf", "application/pdf", "attachments", "a/b.pdf"), EmailAttachment.Inline("invitasjon.ics", "text/calendar; method=REQUEST; charset=utf-8", "BEGIN:VCALENDAR")]);
        var ics = System.Text.Encoding.UTF8.GetBytes("BEGIN:VCALENDAR");
        using var content = new SendGridContent(message, new EmailAddress("post@example.org", "Helsefellesskap Helgeland"),
            [(message.Attachments[0], packet), (message.Attachments[1], ics)]);

        var body = await content.ReadAsByteArrayAsync();

        Assert.Equal(content.Headers.ContentLength, body.Length);
        var library = new SendGrid.Helpers.Mail.SendGridMessage { Subject = message.Subject, PlainTextContent = message.TextBody, HtmlContent = message.HtmlBody };
        library.SetFrom("post@example.org", "Helsefellesskap Helgeland");
        library.AddTos(message.To.Select(t => new SendGrid.Helpers.Mail.EmailAddress(t.Email, t.Name)).ToList());
        library.AddCustomArg("outboxId", message.Id);
        library.AddAttachment("sakspapirer.pdf", Convert.ToBase64String(packet), "application/pdf");
        library.AddAttachment("invitasjon.ics", Convert.ToBase64String(ics), "text/calendar; method=REQUEST; charset=utf-8");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(library.Serialize()), JsonNode.Parse(body)),
            $"ours: {Shorten(body)}\nSendGrid's: {library.Serialize()[..Math.Min(600, library.Serialize().Length)]}");
        using var json = JsonDocument.Parse(body);
        var attached = json.RootElement.GetProperty("attachments");
        Assert.Equal(size == 0 ? 1 : 2, attached.GetArrayLength());
        Assert.Equal(size == 0 ? ics : packet, attached[0].GetProperty("content").GetBytesFromBase64());
    }

    private static string Shorten(byte[] body) => System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(600, body.Length));
}
