using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using MimeKit;

namespace Helsefellesskap.Functions.Tests.Publication;

/// <summary>
/// A meeting with a case whose papers and title are exempt (offl. § 13), walked from submission to
/// publication (the public agenda and papers at the summons, the minutes after approval). Then every public output (each blob in the public container, the public page, both
/// feeds, the snippet, the calendar) and every email to an observer or a speaking-right participant
/// (text, HTML and every attachment, PDFs read with pdftotext) is searched for the exempt words. A
/// member's summons is searched too, and must hold them: the search can find what it looks for. Members' minutes by
/// email are public too, with the full version behind a personal link (or attached, where the body chose so).
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class ExemptionWalkTests(AppFixture app)
{
    private const string SecretTitle = "Utskrivning av pasient TITTEL-UNNTATT-4471";
    private const string SecretText = "PASIENTOPPLYSNING-9923";

    private Task<string> Readable(string messageId) => SentEmails.Readable(app, messageId);

    private static void AssertNothingExempt(string what, string text)
    {
        Assert.False(text.Contains(SecretTitle, StringComparison.Ordinal), $"{what} shows the exempt title");
        Assert.False(text.Contains(SecretText, StringComparison.Ordinal), $"{what} shows the exempt text");
        Assert.False(text.Contains(PartlySecret, StringComparison.Ordinal), $"{what} shows the exempt assessment of a public case");
        Assert.False(text.Contains(AttachmentSecret, StringComparison.Ordinal), $"{what} shows the exempt attachment of a public case");
    }

    /// <summary>In a public case: the exempt assessment, and the text of its exempt second attachment.</summary>
    private const string PartlySecret = "VURDERING-UNNTATT-5170";

    private const string AttachmentSecret = "VEDLEGG-UNNTATT-3381";

    private const string PublicText = "Offentlig sammendrag om ventetider";

    [Fact]
    public async Task AnExemptCase_ReachesNoPublicOutput_AndNoObserver()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 9, 16));
        var plain = await t.SubmitCase(app, "Felles rutine for legemiddelsamstemming");
        var exempt = Submissions.Valid(SecretTitle);
        exempt["body"] = t.Body.Code;
        exempt["summary"] = $"Sammendrag med {SecretText}.";
        exempt["background"] = $"Opplysninger om pasienten: {SecretText}.";
        exempt["proposedDecision"] = new JsonArray($"Tiltakene for pasienten ({SecretText}) godkjennes.");
        exempt["exemption"] = new JsonObject { ["legalBasis"] = "offl. § 13", ["reason"] = "Taushetsplikt", ["title"] = true };
        using var created = await app.Http.PostAsync("/api/cases", Submissions.AsJson(exempt));
        var exemptId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        // A public case with its assessment and its second attachment exempt.
        var partly = Submissions.Valid("Ventetider for rehabilitering");
        partly["body"] = t.Body.Code;
        partly["summary"] = PublicText;
        partly["assessment"] = $"Vurdering med {PartlySecret}.";
        partly["exemption"] = new JsonObject { ["legalBasis"] = "offl. § 13", ["sections"] = new JsonArray("assessment"), ["attachments"] = new JsonArray(2) };
        using (var partlyCreated = await app.Http.PostAsync("/api/cases", Submissions.AsMultipart(partly, ("offentlig.pdf", TestFiles.Pdf("Offentlig vedlegg")), ("unntatt.pdf", TestFiles.Pdf(AttachmentSecret)))))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, partlyCreated.StatusCode);
        }

        // Summons, meeting (with two observers and a speaking-right participant present), draft, approval by silence, publication.
        var runner = app.Service<CycleRunner>();
        var summonsAt = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt;
        app.Clock.Set(summonsAt);
        await runner.Advance(t.Meeting.Id, summonsAt);

        // At the summons the public agenda and the public papers are out, as on the municipal portals; the minutes feed is still empty.
        var early = Assert.Single(await app.Service<Functions.Publication.PublicationStore>().List(t.Body.Code, default));
        Assert.Null(early.MinutesUrl);
        var before = await app.Http.GetStringAsync($"/api/offentlig/{t.Body.Code}");
        Assert.Contains(early.AgendaUrl, before, StringComparison.Ordinal);
        Assert.Contains("Publiseres etter møtet", before, StringComparison.Ordinal);
        AssertNothingExempt("The public page at the summons", before);
        Assert.Empty(JsonNode.Parse(await app.Http.GetStringAsync($"/api/offentlig/{t.Body.Code}/referater.json"))!["items"]!.AsArray());

        // A member's summons carries nothing exempt either, but a personal link to the full papers, which
        // hold the exempt title, text and attachment (the control: the search finds what it looks for).
        await app.Service<EmailOutbox>().SendPending();
        var member = await Readable(MessageIds.Summons(t.Meeting.Id, "k1"));
        AssertNothingExempt("The summons to a member", member);
        Assert.DoesNotContain(PartlySecret, member, StringComparison.Ordinal);
        Assert.DoesNotContain(AttachmentSecret, member, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(member, @"\[unntatt\]: (\S+)").Groups[1].Value;
        var full = await Poppler.Text(await app.Http.GetByteArrayAsync(new Uri(link).PathAndQuery));
        Assert.Contains(SecretTitle, full, StringComparison.Ordinal);
        Assert.Contains(SecretText, full, StringComparison.Ordinal);
        Assert.Contains(PartlySecret, full, StringComparison.Ordinal);
        Assert.Contains(AttachmentSecret, full, StringComparison.Ordinal);
        Assert.DoesNotContain("unntatt]", await Readable(MessageIds.Summons(t.Meeting.Id, "o1")), StringComparison.Ordinal);

        app.Clock.Set(Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
        var present = t.Members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).Concat(["o1", "o2", "t1"]).ToList();
        var outcome = await app.Service<OutcomeRecording>().Record(t.Meeting.Id, new OutcomeRecording.OutcomeInput(present, [new(plain, null, null, null), new(exemptId, null, null, null)], null), default);
        Assert.IsType<OutcomeRecording.Result.Recorded>(outcome);
        var approvedAfter = Common.Oslo.At((await app.Service<MinutesStore>().Get(t.Meeting.Id)).ApprovalDeadline!.Value.AddDays(1), new TimeOnly(0, 10));
        app.Clock.Set(approvedAfter);
        await runner.Advance(t.Meeting.Id, approvedAfter);
        await app.Service<EmailOutbox>().SendPending();
        var state = await app.Service<MinutesStore>().Get(t.Meeting.Id);
        Assert.NotNull(state.PublishedUrl);
        Assert.Equal(early.AgendaUrl, Assert.Single(await app.Service<Functions.Publication.PublicationStore>().List(t.Body.Code, default)).AgendaUrl);


        // Observers and speaking-right participants: summons, its papers and the draft minutes.
        foreach (var person in t.Members.Where(m => m.Role is MemberRole.Observer or MemberRole.SpeakingRight))
        {
            var summons = await Readable(MessageIds.Summons(t.Meeting.Id, person.Id));
            AssertNothingExempt($"The summons to {person.Id}", summons);
            Assert.Contains("Unntatt offentlighet, offl. § 13", summons, StringComparison.Ordinal);
        }

        foreach (var id in new[] { "o1", "o2", "t1" })
        {
            AssertNothingExempt($"The draft minutes to {id}", await Readable(MessageIds.MinutesDraft(1, t.Meeting.Id, id)));
        }

        // Members and deputies: the draft and the approved minutes by email hold nothing exempt either (issue 27), but a
        // personal link to the minutes in full, which hold the exempt text (the control); observers get no such link.
        foreach (var id in new[] { MessageIds.MinutesDraft(1, t.Meeting.Id, "k1"), MessageIds.MinutesApproved(t.Meeting.Id, "k1") })
        {
            var email = await Readable(id);
            AssertNothingExempt(id, email);
            var fullLink = new Uri(System.Text.RegularExpressions.Regex.Match(email, @"\[fullt\]: (\S+)").Groups[1].Value).PathAndQuery;
            Assert.Contains(SecretText, await Poppler.Text(await app.Http.GetByteArrayAsync(fullLink)), StringComparison.Ordinal);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.Http.GetAsync(fullLink.Replace("/k1?", "/o1?", StringComparison.Ordinal))).StatusCode);
        }

        Assert.DoesNotContain("[fullt]", await Readable(MessageIds.MinutesDraft(1, t.Meeting.Id, "o1")), StringComparison.Ordinal);
        var approvedLink = new Uri(System.Text.RegularExpressions.Regex.Match(await Readable(MessageIds.MinutesApproved(t.Meeting.Id, "k1")), @"\[fullt\]: (\S+)").Groups[1].Value).PathAndQuery;
        app.Clock.Set(approvedAfter.AddDays(FullMinutes.LinkDays + 1));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.Http.GetAsync(approvedLink)).StatusCode);
        app.Clock.Set(approvedAfter);

        // Every public blob of the body, the page, the feeds, the snippet and the calendar.
        var container = await app.Storage.Container(StorageNames.PublicContainer);
        var blobs = 0;
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"helsefellesskap-helgeland/{t.Body.Code}/", default))
        {
            AssertNothingExempt(blob.Name, await Poppler.Text((await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray()));
            blobs++;
        }

        Assert.True(blobs >= 4, $"only {blobs} public blobs");

        // The public case's paper is published, with its exempt assessment replaced by the notice.
        var partlyPaper = Assert.Single((await app.Service<Functions.Publication.PublicationStore>().List(t.Body.Code, default))[0].CasePapers, p => p.Title.Contains("Ventetider", StringComparison.Ordinal));
        var partlyText = await Poppler.Text(await app.Http.GetByteArrayAsync(partlyPaper.Url));
        Assert.Contains(PublicText, partlyText, StringComparison.Ordinal);
        Assert.Contains("Unntatt offentlighet, offl. § 13", partlyText, StringComparison.Ordinal);
        var page = await app.Http.GetStringAsync($"/api/offentlig/{t.Body.Code}");
        AssertNothingExempt("The public page", page);
        Assert.Contains("Unntatt offentlighet, offl. § 13", page, StringComparison.Ordinal);
        foreach (var path in new[] { "referater.json", "referater.atom", "siste.html" })
        {
            AssertNothingExempt(path, await app.Http.GetStringAsync($"/api/offentlig/{t.Body.Code}/{path}"));
        }

        AssertNothingExempt("The calendar", await app.Http.GetStringAsync($"/api/bodies/{t.Body.Code}/meetings.ics"));
    }

    [Fact]
    public async Task ABodyThatChoseSo_AttachesTheFullDraftToMembers_WithNoLink()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 9, 23));
        await app.Service<MeetingStore>().UpdateBody(t.Body with { Rules = t.Body.Rules with { AttachesFullMinutes = true } });
        var exempt = Submissions.Valid(SecretTitle);
        exempt["body"] = t.Body.Code;
        exempt["background"] = $"Opplysninger om pasienten: {SecretText}.";
        exempt["exemption"] = new JsonObject { ["legalBasis"] = "offl. § 13", ["reason"] = "Taushetsplikt", ["title"] = true };
        using var created = await app.Http.PostAsync("/api/cases", Submissions.AsJson(exempt));
        var exemptId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var summonsAt = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt;
        app.Clock.Set(summonsAt);
        await app.Service<CycleRunner>().Advance(t.Meeting.Id, summonsAt);
        app.Clock.Set(Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
        var present = t.Members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).Append("o1").ToList();
        Assert.IsType<OutcomeRecording.Result.Recorded>(await app.Service<OutcomeRecording>().Record(t.Meeting.Id, new OutcomeRecording.OutcomeInput(present, [new(exemptId, null, null, null)], null), default));
        var draftAt = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.MinutesDraft).DueAt;
        app.Clock.Set(draftAt);
        await app.Service<CycleRunner>().Advance(t.Meeting.Id, draftAt);
        await app.Service<EmailOutbox>().SendPending();

        var member = await Readable(MessageIds.MinutesDraft(1, t.Meeting.Id, "k1"));
        Assert.Contains(SecretText, member, StringComparison.Ordinal);
        Assert.DoesNotContain("[fullt]", member, StringComparison.Ordinal);
        AssertNothingExempt("The draft minutes to an observer", await Readable(MessageIds.MinutesDraft(1, t.Meeting.Id, "o1")));
    }
}
