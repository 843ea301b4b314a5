using System.Net;
using System.Text.Json;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Helsefellesskap.Functions.Tests.Documents;

/// <summary>
/// The meeting packet: summons and agenda, then each case paper with its PDF and image attachments, one
/// bookmark per case, every attached page stamped with its attachment and case, one page count for all.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class PacketTests(AppFixture app)
{
    [Fact]
    public async Task Packet_HasTheSummons_ThenEachCaseWithItsPdfAttachments_Bookmarked_AndIsStored()
    {
        app.Clock.Set(AppFixture.Start);
        // A meeting of its own, so other tests' cases do not land on it.
        var date = new DateOnly(2029, 3, 15);
        var meeting = new Meeting(MeetingId.Parse($"ssu-{date:yyyy-MM-dd}"), "ssu", date, new TimeOnly(10, 0), new TimeOnly(14, 0), "Mo i Rana", null, MeetingKind.Ordinary, MeetingStatus.Planned);
        await app.Service<MeetingStore>().AddMeeting(meeting);

        var titles = new List<string>();
        var attachment = TestFiles.Pdf("Vedlegg med to ord");
        for (var i = 0; i < 3; i++)
        {
            var submission = Submissions.Valid($"Sak nummer {i + 1} for pakken");
            submission["preferredMeetingDate"] = date.ToString("yyyy-MM-dd");
            var files = i switch
            {
                1 => new[] { ("utredning.pdf", attachment), ("tall.xlsx", TestFiles.Xlsx()) },
                2 => [("kart.png", TestFiles.Png())],
                _ => [],
            };
            var response = await app.Http.PostAsync("/api/cases", Submissions.AsMultipart(submission, files));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(meeting.Id.Value, json.RootElement.GetProperty("meeting").GetProperty("id").GetString());
            titles.Add(submission["title"]!.GetValue<string>());
        }

        var packetResponse = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, $"/api/meetings/{meeting.Id}/packet"));
        Assert.Equal(HttpStatusCode.OK, packetResponse.StatusCode);
        var pdf = await packetResponse.Content.ReadAsByteArrayAsync();

        using var document = PdfDocument.Open(pdf);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var roots = bookmarks.Roots.Select(r => r.Title).ToList();
        var year = date.Year % 100;
        Assert.Equal(
            ["Innkalling og saksliste", $"Sak 2/{year:00} {titles[0]}", $"Sak 3/{year:00} {titles[1]}", $"Sak 4/{year:00} {titles[2]}"],
            roots);
        Assert.Equal(["Vedlegg 1: utredning.pdf"], bookmarks.Roots[2].Children.Select(c => c.Title));
        Assert.Equal(["Vedlegg 1: kart.png"], bookmarks.Roots[3].Children.Select(c => c.Title));
        Assert.Equal(6, document.NumberOfPages); // summons, three case papers, one attached PDF page, one image page

        // One page count across the packet, and each attached page marked with its attachment and case.
        var pages = (await Poppler.Text(pdf)).Split('\f', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, pages.Length);
        for (var n = 0; n < pages.Length; n++)
        {
            Assert.Contains($"Side {n + 1} av 6", pages[n], StringComparison.Ordinal);
            Assert.DoesNotContain($"Side {n + 1} av 4", pages[n], StringComparison.Ordinal);
        }

        Assert.Contains($"Vedlegg 1 til sak 3/{year:00}", pages[3], StringComparison.Ordinal);
        Assert.Contains("Vedlegg med to ord", pages[3], StringComparison.Ordinal);
        Assert.Contains($"Vedlegg 1 til sak 4/{year:00}", pages[5], StringComparison.Ordinal);
        Assert.Single(document.GetPage(6).GetImages());
        var boxes = Functions.Documents.PageBoxes.Of(document);
        Assert.All(Enumerable.Range(1, 6), p => Assert.Equal(document.GetPage(p).CropBox.Bounds.ToString(), boxes[p - 1].ToString()));

        // Tagged, in Norwegian (bokmål), with its title: the printed parts keep Chromium's structure (headings,
        // tables, lists), and each attached page is a figure whose text alternative names it and carries its text.
        var info = await Poppler.Info(pdf);
        Assert.Equal("yes", Poppler.Field(info, "Tagged"));
        Assert.StartsWith("Sakspapirer – SSU", Poppler.Field(info, "Title"), StringComparison.Ordinal);
        Assert.Equal("nb", document.Structure.Catalog.CatalogDictionary.Data["Lang"] is UglyToad.PdfPig.Tokens.StringToken lang ? lang.Data : null);
        var structure = await Poppler.Structure(pdf);
        Assert.StartsWith("Document", structure.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("H1 (block)", structure, StringComparison.Ordinal);
        Assert.Contains("Table (block)", structure, StringComparison.Ordinal);
        Assert.Equal(2, structure.Split('\n').Count(l => l.Trim() == "Figure"));
        Assert.Contains("\"Vedlegg med to ord\"", structure, StringComparison.Ordinal);
        // (the titles' last mentions are the case papers', after the agenda)
        Assert.True(structure.LastIndexOf("Sak nummer 2 for pakken", StringComparison.Ordinal) < structure.IndexOf("Vedlegg med to ord", StringComparison.Ordinal)
            && structure.IndexOf("Vedlegg med to ord", StringComparison.Ordinal) < structure.LastIndexOf("Sak nummer 3 for pakken", StringComparison.Ordinal), "the attached page is read between its case and the next");

        var text = await Poppler.Text(pdf);
        Assert.Contains("Godkjenning av innkalling og saksliste", text);
        Assert.Contains("Orientering fra sekretariatet", text);
        Assert.Contains("Vedlegg med to ord", text);
        Assert.Contains("tall.xlsx", text);
        Assert.True(text.IndexOf("Eventuelt", StringComparison.Ordinal) < text.IndexOf("Saksfremlegg", StringComparison.Ordinal));

        var container = await app.Storage.Container(Functions.Documents.DocumentStore.Container);
        var stored = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"helsefellesskap-helgeland/ssu/{date.Year}/{meeting.Id}/", default))
        {
            stored.Add(blob.Name);
        }

        Assert.Contains($"helsefellesskap-helgeland/ssu/{date.Year}/{meeting.Id}/sakspapirer-v1.pdf", stored);
    }
}
