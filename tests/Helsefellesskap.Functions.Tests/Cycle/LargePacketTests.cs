using System.Net;
using System.Text.RegularExpressions;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// A packet too large for email (SendGrid takes 30 MB per message, base64 included; the app attaches a packet up to
/// <see cref="CycleSteps.MaxAttachedPacketBytes"/>): each summons carries the summons alone and the person's own link to
/// the papers, and says so. Tested with a 25 MB packet (five cases attaching a 5 MB PDF each).
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class LargePacketTests(AppFixture app)
{
    [Fact]
    public async Task A25MegabytePacket_GoesAsEachPersonsLink_AndTheSummonsSaysSo()
    {
        await using var instance = await app.StartAnother(settings =>
        {
            settings["Intake:MaxFileBytes"] = (6 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Intake:MaxCaseBytes"] = (12 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        using var http = new HttpClient { BaseAddress = new Uri(instance.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
        var t = await CycleTestBody.Create(instance.Services, new DateOnly(2028, 6, 8));
        for (var i = 1; i <= 5; i++)
        {
            await t.SubmitCase(http, $"Stor utredning {i}", ($"utredning-{i}.pdf", TestFiles.Pdf($"Utredning {i}", padding: 5 * 1024 * 1024)));
        }

        var summonsAt = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt;
        instance.Services.GetRequiredService<AdjustableClock>().Set(summonsAt);
        await instance.Services.GetRequiredService<CycleRunner>().Advance(t.Meeting.Id, summonsAt);

        // The summons: the summons PDF and the invitation attached, not the packet; the text says why and links to it.
        var summons = await SentEmails.Read(app, MessageIds.Summons(t.Meeting.Id, "k1"));
        Assert.Equal(["innkalling.pdf", "invitasjon.ics"], summons.Attachments.Select(a => a.ContentDisposition?.FileName));
        Assert.Contains("Sakspapirene er for store for e-post", summons.TextBody, StringComparison.Ordinal);
        var eml = await (await app.Storage.Container(StorageNames.OutboxContainer)).GetBlobClient(LocalOutboxSender.BlobName(MessageIds.Summons(t.Meeting.Id, "k1"))).GetPropertiesAsync();
        Assert.True(eml.Value.ContentLength < 1024 * 1024, $"the summons is {eml.Value.ContentLength} bytes");

        // The link is the person's own, and gives the whole packet.
        var link = new Uri(Regex.Match(summons.TextBody!, @"\[papirer\]: (\S+)").Groups[1].Value).PathAndQuery;
        Assert.Contains("/k1?", link, StringComparison.Ordinal);
        using var packet = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, packet.StatusCode);
        var bytes = await packet.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 25 * 1024 * 1024, $"the packet is {bytes.Length} bytes");
        Assert.Contains("Utredning 5", await Poppler.Text(bytes), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(link.Replace("/k1?", "/k2?", StringComparison.Ordinal))).StatusCode);

        await instance.StopAsync();
    }
}
