using System.Net;
using System.Text.Json;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// No submission can stop a summons: Markdown nested deeper than the parser allows is printed as text,
/// a file that claims to be a PDF but is not is refused at intake with the file named, and an
/// attachment that still cannot be read when the packet is made is left out with a notice.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class AnyInputRendersTests(AppFixture app)
{
    [Fact]
    public async Task AFileThatOnlyClaimsToBeAPdf_IsRefusedAtIntake_NamingTheFile()
    {
        var fake = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nikke en pdf"u8.ToArray();
        var response = await app.Http.PostAsync("/api/cases", Submissions.AsMultipart(Submissions.Valid(), ("budsjett.pdf", fake)));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("«budsjett.pdf» ser ut som en PDF, men kan ikke åpnes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void CanCopy_TellsARealPdfFromAFakeOne()
    {
        Assert.True(PacketBuilder.CanCopy(TestFiles.Pdf("Ekte")));
        Assert.False(PacketBuilder.CanCopy("%PDF-1.4\n%%EOF"u8.ToArray()));
    }

    [Fact]
    public async Task DeeplyNestedMarkdown_AndAnUnreadableAttachment_DoNotStopTheSummons()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 11, 25));
        var submission = Submissions.Valid("Sak med dyp nesting");
        submission["body"] = t.Body.Code;
        submission["background"] = new string('[', 7_000) + "lenke" + new string(']', 7_000);
        submission["assessment"] = new string('*', 7_000) + "fet" + new string('*', 7_000);
        var created = await app.Http.PostAsync("/api/cases", Submissions.AsMultipart(submission, ("vedlegg.pdf", TestFiles.Pdf("Vedlegg"))));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var c = (await app.Service<CaseStore>().Find(json.RootElement.GetProperty("id").GetString()!))!;

        // The attachment is damaged after intake (a storage fault, an older intake that did not check).
        var container = await app.Storage.Container(StorageNames.AttachmentsContainer);
        await container.GetBlobClient(c.Attachments[0].BlobName).UploadAsync(BinaryData.FromBytes("%PDF-1.4\nskadet"u8.ToArray()), overwrite: true);

        app.Clock.Set(CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt);
        await app.Service<CycleRunner>().Tick();

        var summons = (await app.Service<CycleStore>().StepsOf(t.Meeting.Id)).Single(s => s.Step == CycleStep.Summons);
        Assert.Equal(StepStatus.Done, summons.Status);
        var packet = (await app.Service<MeetingPapers>().Packet(t.Meeting.Id))!;
        var text = await Poppler.Text(packet.Content);
        Assert.Contains("lenke", text);
        Assert.Contains("kunne ikke settes inn i sakspapirene", text);
        Assert.NotNull(await app.Service<EmailOutbox>().StateOf(MessageIds.Summons(t.Meeting.Id, "k1")));
    }
}
