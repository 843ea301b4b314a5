using System.Net;
using System.Text.Json;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Helsefellesskap.Functions.Tests.Documents;

/// <summary>A case submitted through the API becomes an accessible case paper PDF in blob storage.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CasePaperPdfTests(AppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        app.Clock.Set(AppFixture.Start);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> Submit(System.Text.Json.Nodes.JsonObject submission, params (string, byte[])[] files)
    {
        var response = await app.Http.PostAsync("/api/cases", files.Length == 0 ? Submissions.AsJson(submission) : Submissions.AsMultipart(submission, files));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private async Task<byte[]> CasePaper(string id)
    {
        var response = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, $"/api/cases/{id}/document"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task CasePaper_IsTaggedA4_WithOutlineEmbeddedFontsAndMetadata_AndEveryFieldInOrder()
    {
        var submission = Submissions.Valid("Samhandling om øyeblikkelig hjelp på Træna");
        submission["summary"] = "Kort sammendrag med æøå: Ørnes og Å.";
        submission["from"] = "Træna kommune";
        var id = await Submit(submission, ("rutine.pdf", TestFiles.Pdf()));
        var pdf = await CasePaper(id);

        var info = await Poppler.Info(pdf);
        Assert.Equal("yes", Poppler.Field(info, "Tagged"));
        Assert.EndsWith("(A4)", Poppler.Field(info, "Page size"));
        Assert.Contains("Samhandling om øyeblikkelig hjelp på Træna", Poppler.Field(info, "Title"));
        Assert.Equal("Helsefellesskap Helgeland", Poppler.Field(info, "Author"));
        Assert.Equal("Saksfremlegg til Strategisk samarbeidsutvalg", Poppler.Field(info, "Subject"));

        var fonts = (await Poppler.Fonts(pdf)).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, row => Assert.Contains(" yes ", row[(row.Length / 2)..]));

        using (var document = PdfDocument.Open(pdf))
        {
            Assert.True(document.TryGetBookmarks(out var bookmarks));
            var titles = bookmarks.GetNodes().Select(n => n.Title).ToList();
            Assert.Contains("Saksfremlegg", titles);
            Assert.Contains("Forslag til vedtak", titles);
        }

        var text = await Poppler.Text(pdf);
        string[] inOrder =
        [
            "Sak:", "Tittel: Samhandling om øyeblikkelig hjelp på Træna", "Til: Strategisk samarbeidsutvalg (SSU)", "Fra: Træna kommune",
            "Møtedato: torsdag 11. februar 2027", "Sammendrag", "Kort sammendrag med æøå: Ørnes og Å.", "Bakgrunn",
            "Dagens praksis varierer", "Vurdering", "Forslag til vedtak", "1. SSU slutter seg til rutinen.", "2. Rutinen evalueres etter ett år.",
            "Vedlegg", "1. rutine.pdf", "Side 1 av 1",
        ];
        var at = 0;
        foreach (var expected in inOrder)
        {
            var found = text.IndexOf(expected, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{expected}' not found after position {at} in:\n{text}");
            at = found + expected.Length;
        }
    }

    [Fact]
    public async Task CasePaper_IsStoredOnce_AndReturnedFromStorageWhileUnchanged()
    {
        var id = await Submit(Submissions.Valid());
        await CasePaper(id);
        await CasePaper(id);

        var store = app.Service<DocumentStore>();
        var latest = await store.Latest($"helsefellesskap-helgeland/ssu/2027/ssu-2027-02-11/saksfremlegg-{id}");
        Assert.NotNull(latest);
        Assert.Equal(1, latest.Value.Version);
        Assert.EndsWith("-v1.pdf", latest.Value.BlobName);
    }

    [Fact]
    public async Task DocumentStore_KeepsEveryVersion_WithTypeAndHash()
    {
        var store = app.Service<DocumentStore>();
        var path = $"test/{Guid.NewGuid():N}/dokument";
        var first = await store.Save(path, TestFiles.Pdf("en"), "kilde-1");
        var same = await store.Save(path, TestFiles.Pdf("en igjen"), "kilde-1");
        var second = await store.Save(path, TestFiles.Pdf("to"), "kilde-2");

        Assert.Equal((1, 1, 2), (first.Version, same.Version, second.Version));
        Assert.Equal(TestFiles.Pdf("en"), await store.Read(first.BlobName));
        Assert.Equal(TestFiles.Pdf("to"), await store.Read(second.BlobName));
        var container = await app.Storage.Container(DocumentStore.Container);
        var properties = (await container.GetBlobClient(second.BlobName).GetPropertiesAsync()).Value;
        Assert.Equal("application/pdf", properties.ContentType);
        Assert.Equal(DocumentRenderer.Sha256(TestFiles.Pdf("to")), properties.Metadata["sha256"]);
    }

    [Fact]
    public async Task Documents_NeedTheSecretariatKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.GetAsync("/api/cases/HFH-2026-0001/document")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.GetAsync("/api/meetings/ssu-2027-02-11/packet")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, "/api/cases/HFH-1999-9999/document"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, "/api/meetings/ssu-1999-01-01/packet"))).StatusCode);
    }
}
