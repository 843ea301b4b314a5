using System.Text.Json;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cases;

/// <summary>
/// A case's stored row and its API JSON are contracts: a row written by the first release reads back
/// whole, and the JSON keeps its flat shape although the record now holds the content as one part.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CaseRecordShapeTests(AppFixture app)
{
    [Fact]
    public async Task ARowWrittenByTheFirstRelease_ReadsBackWhole()
    {
        // A year and a body no other test or cycle uses: this row must not land on a real agenda.
        const string id = "HFH-1990-0001";
        var table = await app.Storage.Table(StorageNames.Cases);
        await table.AddEntityAsync(new TableEntity("case", id)
        {
            ["Body"] = "gammelrad",
            ["Title"] = "Felles rutine for utskrivning",
            ["Kind"] = "Discussion",
            ["From"] = "Rana kommune",
            ["Submitter"] = """{"name":"Åse Ødegård","email":"ase@example.org","organisation":"Rana kommune"}""",
            ["Summary"] = "Sammendrag",
            ["Background"] = "Bakgrunn",
            ["Assessment"] = null,
            ["ProposedDecision"] = """["Punkt én.","Punkt to."]""",
            ["PreferredMeetingDate"] = "2027-02-11",
            ["Exemption"] = """{"legalBasis":"offl. § 13","reason":"Taushetsplikt"}""",
            ["Attachments"] = """[{"index":1,"fileName":"a.pdf","contentType":"application/pdf","size":10,"sha256":"ab","blobName":"x/a.pdf"}]""",
            ["Status"] = "OnAgenda",
            ["MeetingId"] = "gammelrad-2027-02-11",
            ["MeetingDate"] = "2027-02-11",
            ["ReceivedAt"] = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
            ["StatusReason"] = "Akseptert",
        });

        var c = (await app.Service<CaseStore>().Find(id))!;

        Assert.Equal(new CaseSubmission("gammelrad", "Felles rutine for utskrivning", CaseKind.Discussion, "Rana kommune", new Submitter("Åse Ødegård", "ase@example.org", "Rana kommune"),
            "Sammendrag", "Bakgrunn", "", c.Content.ProposedDecision, new DateOnly(2027, 2, 11), new Exemption("offl. § 13", "Taushetsplikt")), c.Content);
        Assert.Equal(["Punkt én.", "Punkt to."], c.Content.ProposedDecision);
        Assert.Equal("x/a.pdf", Assert.Single(c.Attachments).BlobName);
        Assert.Equal((CaseStatus.OnAgenda, "gammelrad-2027-02-11", new DateOnly(2027, 2, 11), "Akseptert"), (c.Status, c.MeetingId, c.MeetingDate, c.StatusReason));
    }

    [Fact]
    public async Task AnUrgentCaseStoredBeforeUrgentHadAColumn_ReadsItsReasonFromThePrefixedStatusReason()
    {
        // Until 2026-12-07 the workspace kept an urgent case's reason as a prefix on the status reason (and the outcome cleared it).
        const string id = "HFH-1990-0002";
        var table = await app.Storage.Table(StorageNames.Cases);
        await table.AddEntityAsync(new TableEntity("case", id)
        {
            ["Body"] = "gammelrad",
            ["Title"] = "Høringssvar",
            ["Kind"] = "Decision",
            ["From"] = "Rana kommune",
            ["Submitter"] = """{"name":"Åse Ødegård","email":"ase@example.org","organisation":"Rana kommune"}""",
            ["Summary"] = "Sammendrag",
            ["Background"] = "Bakgrunn",
            ["ProposedDecision"] = """["Punkt én."]""",
            ["Attachments"] = "[]",
            ["Status"] = "Accepted",
            ["MeetingId"] = "gammelrad-2027-02-11",
            ["MeetingDate"] = "2027-02-11",
            ["ReceivedAt"] = new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero),
            ["StatusReason"] = "Hastesak etter saksfristen: Høringsfristen går ut før neste møte.",
        });

        var c = (await app.Service<CaseStore>().Find(id))!;
        Assert.Equal("Høringsfristen går ut før neste møte.", c.Urgent);

        // Written again (the outcome clears the status reason), the reason has its own column and stays.
        await app.Service<CaseStore>().Update(c with { Status = CaseStatus.Treated, StatusReason = null });
        Assert.Equal((CaseStatus.Treated, "Høringsfristen går ut før neste møte."), ((await app.Service<CaseStore>().Find(id))!.Status, (await app.Service<CaseStore>().Find(id))!.Urgent));
    }

    [Fact]
    public void ApiJson_KeepsTheFlatShape_AndReadsBack()
    {
        var c = new CaseRecord("HFH-2026-0042",
            new CaseSubmission("ssu", "Tittel", CaseKind.Decision, "Rana kommune", new Submitter("Åse", "ase@example.org", "Rana kommune"), "S", "B", "V", ["P"], null, null),
            [], CaseStatus.Received, "ssu-2027-02-11", new DateOnly(2027, 2, 11), new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), null);

        using var json = JsonDocument.Parse(Json.Write(c));

        Assert.Equal(
            ["id", "body", "title", "kind", "from", "submitter", "summary", "background", "assessment", "proposedDecision", "preferredMeetingDate", "exemption",
             "attachments", "status", "meetingId", "meetingDate", "receivedAt", "statusReason", "urgent", "reference"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("decision", json.RootElement.GetProperty("kind").GetString());
        var read = Json.Read<CaseRecord>(Json.Write(c));
        Assert.Equal((c.Id, c.Content.Title, c.Content.Submitter, c.Status, c.MeetingDate, c.ReceivedAt), (read.Id, read.Content.Title, read.Content.Submitter, read.Status, read.MeetingDate, read.ReceivedAt));
        Assert.Equal(Json.Write(c), Json.Write(read));
    }
}
