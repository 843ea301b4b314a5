using System.Net;
using System.Net.Http.Json;
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

namespace Helsefellesskap.Functions.Tests.Minutes;

/// <summary>
/// A meeting with the structure of the SSU's meeting of 23.06.2025, walked through the API: a decision
/// case adopted as proposed (with a presentation added afterwards), one changed at the meeting, one
/// returned without consensus, a discussion case, an information case with additional information, and
/// real content under the standing items. The published minutes are compared with their golden text
/// (Minutes/Golden/minutes-walk.expected.txt; a difference is written beside it as *.actual.txt), and what
/// members, absent members and the submitter are told is read from the outbox.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class RealMinutesWalkTests(AppFixture app)
{
    private static string Golden => Path.Combine(RepoPaths.Root, "tests", "Helsefellesskap.Functions.Tests", "Minutes", "Golden", "minutes-walk");

    private async Task<string> Submit(CycleTestBody t, string title, string kind, params string[] proposal)
    {
        var submission = Submissions.Valid(title);
        submission["body"] = t.Body.Code;
        submission["kind"] = kind;
        submission["proposedDecision"] = new JsonArray(proposal.Select(p => (JsonNode)p!).ToArray());
        using var created = await app.Http.PostAsync("/api/cases", Submissions.AsJson(submission));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private Task<MimeMessage> Sent(string messageId) => SentEmails.Read(app, messageId);

    [Fact]
    public async Task TheMinutes_ReadLikeTheRealOnes_AndEveryoneIsTold()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 6, 24));
        var adopted = await Submit(t, "Felles rutine for legemiddelsamstemming", "decision", "SSU slutter seg til rutinen for legemiddelsamstemming.");
        var amended = await Submit(t, "Revidert avtale om utskrivningsklare pasienter", "decision", "SSU godkjenner den reviderte avtalen.", "Avtalen evalueres etter ett år.");
        var returned = await Submit(t, "Finansiering av felles kompetansesenter", "decision", "SSU anbefaler at partene finansierer senteret likt.");
        var discussion = await Submit(t, "Strategi for digital hjemmeoppfølging", "discussion", "SSU drøfter strategien og gir innspill.");
        var information = await Submit(t, "Status for handlingsplanen 2027", "information", "SSU tar saken til orientering.");

        // The summons freezes the agenda; each submitter hears the case's number and meeting.
        var runner = app.Service<CycleRunner>();
        var summonsAt = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt;
        app.Clock.Set(summonsAt);
        await runner.Advance(t.Meeting.Id, summonsAt);
        await app.Service<EmailOutbox>().SendPending();
        var placed = await Sent(MessageIds.CasePlaced(amended, t.Meeting.Id));
        Assert.Contains("som sak 3/27", placed.TextBody, StringComparison.Ordinal);
        Assert.Contains("torsdag 24. juni 2027", placed.TextBody, StringComparison.Ordinal);

        // The meeting: Ola Fjellheim (k2) absent, his deputy not called in; the hospital against the financing.
        app.Clock.Set(Functions.Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
        var seated = t.Members.Where(m => m.Role == MemberRole.Member && m.Id != "k2").ToList();
        var againstFinancing = seated.Select(m => new { memberId = m.Id, vote = m.Party == Party.Hospital ? "against" : "for" }).ToArray();
        var outcome = new
        {
            present = seated.Select(m => m.Id).Append("t1").ToArray(),
            items = new object[]
            {
                new { @case = adopted },
                new { @case = amended, decision = "1. SSU godkjenner den reviderte avtalen.\n2. Avtalen evalueres etter seks måneder.", discussion = "Kommunene ønsket en tidligere evaluering. Helseforetaket støttet dette." },
                new { @case = returned, votes = againstFinancing, discussion = "Helseforetaket kan ikke binde seg til en lik fordeling før budsjettet for 2028 er kjent." },
                new { @case = discussion, decision = "Sekretariatet tar innspillene med i arbeidet og legger fram en beslutningssak.", discussion = "Medlemmene la vekt på lik tilgang i hele regionen." },
                new { @case = information, additionalInformation = "Helseforetaket orienterte om at to tiltak er forsinket til høsten." },
            },
            secretariatReport = "Sekretariatet orienterte om arbeidet med årsmeldingen for 2026 og om ny nettside.",
            anyOtherBusiness = "Vefsn kommune tok opp ventetider for rehabilitering. Saken settes opp til neste møte.",
        };
        using (var put = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}/outcome"))
        {
            put.Content = JsonContent.Create(outcome);
            using var recorded = await app.Http.SendAsync(put);
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }

        // The presentation given under the first case, added after the meeting.
        using (var upload = app.AsSecretariat(HttpMethod.Post, $"/api/meetings/{t.Meeting.Id}/minutes/files"))
        {
            upload.Content = new MultipartFormDataContent
            {
                { new StringContent(adopted), "case" },
                { new ByteArrayContent(TestFiles.Pdf("Presentasjon legemiddelsamstemming")), "attachments", "Presentasjon legemiddelsamstemming.pdf" },
            };
            using var added = await app.Http.SendAsync(upload);
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        // The draft goes to those present, and to the absent member for information (no change link).
        await runner.Advance(t.Meeting.Id, app.Clock.GetUtcNow());
        await app.Service<EmailOutbox>().SendPending();
        var absent = await Sent(MessageIds.MinutesDraft(1, t.Meeting.Id, "k2"));
        Assert.Contains("Du var ikke til stede", absent.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/referat/", absent.TextBody, StringComparison.Ordinal);
        Assert.Contains("/api/referat/", (await Sent(MessageIds.MinutesDraft(1, t.Meeting.Id, "k1"))).TextBody, StringComparison.Ordinal);

        // Nobody objects: approved by silence, published.
        var approvedAfter = Functions.Common.Oslo.At((await app.Service<MinutesStore>().Get(t.Meeting.Id)).ApprovalDeadline!.Value.AddDays(1), new TimeOnly(0, 10));
        app.Clock.Set(approvedAfter);
        await runner.Advance(t.Meeting.Id, approvedAfter);
        await app.Service<EmailOutbox>().SendPending();
        var state = await app.Service<MinutesStore>().Get(t.Meeting.Id);
        Assert.NotNull(state.PublishedUrl);

        var published = await app.Http.GetByteArrayAsync(state.PublishedUrl);
        Assert.True(await GoldenFiles.Matches(Golden, "txt", await GoldenFiles.PdfText(published)), $"The published minutes differ from {Golden}.expected.txt; see {Golden}.actual.txt.");

        // The presentation is published beside the minutes as it was uploaded (the minutes link it where the
        // storage is https, as in Azure: documents link https only; GoldenDocumentTests checks the link).
        var publicFiles = new List<string>();
        await foreach (var blob in (await app.Storage.Container(StorageNames.PublicContainer)).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"helsefellesskap-helgeland/{t.Body.Code}/2027/{t.Meeting.Id}/vedlegg-", default))
        {
            publicFiles.Add(blob.Name);
        }

        var file = Assert.Single(publicFiles);
        var publicFile = (await app.Storage.Container(StorageNames.PublicContainer)).GetBlobClient(file);
        Assert.Equal(TestFiles.Pdf("Presentasjon legemiddelsamstemming"), (await publicFile.DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal("application/pdf", (await publicFile.GetPropertiesAsync()).Value.ContentType);

        // Every member and deputy gets the approved minutes; the submitter what was decided.
        foreach (var member in t.Members.Where(m => m.Role is MemberRole.Member or MemberRole.Deputy))
        {
            var approved = await Sent(MessageIds.MinutesApproved(t.Meeting.Id, member.Id));
            Assert.Contains("uten merknader", approved.TextBody, StringComparison.Ordinal);
            Assert.Single(approved.Attachments);
        }

        var treated = await Sent(MessageIds.CaseTreated(amended, t.Meeting.Id));
        Assert.Contains("Avtalen evalueres etter seks måneder.", treated.TextBody, StringComparison.Ordinal);
        Assert.Contains(state.PublishedUrl!, treated.TextBody, StringComparison.Ordinal);
        var back = await Sent(MessageIds.CaseTreated(returned, t.Meeting.Id));
        Assert.Contains("Ikke konsensus", back.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("SSU anbefaler at partene finansierer senteret likt.", back.TextBody, StringComparison.Ordinal);

        // The status page shows the number, the meeting and the decision.
        var statusUrl = new Uri(app.Service<Functions.Cases.CaseLinks>().StatusUrl(amended));
        var page = await app.Http.GetStringAsync(statusUrl.PathAndQuery);
        Assert.Contains("Sak 3/27", page, StringComparison.Ordinal);
        Assert.Contains("Avtalen evalueres etter seks måneder.", page, StringComparison.Ordinal);
        Assert.Contains(state.PublishedUrl!, page, StringComparison.Ordinal);
    }
}
