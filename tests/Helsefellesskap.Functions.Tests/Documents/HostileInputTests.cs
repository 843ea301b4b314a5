using System.Text.Json;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;

namespace Helsefellesskap.Functions.Tests.Documents;

/// <summary>Whatever a submitter writes in a Markdown field comes out as inert text, and the page printing it makes no request.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class HostileInputTests(AppFixture app)
{
    [Fact]
    public async Task HostileMarkdown_IsInertText_AndNoRequestLeavesThePage()
    {
        using var listener = new RecordingHttpListener();
        var submission = Submissions.Valid("Sak med fiendtlig innhold");
        submission["summary"] = "<script>document.title='hacket'</script>Sammendrag";
        submission["background"] = $"<img src=file:///etc/passwd>\n\n![spor]({listener.Url}/bilde.png)\n\n<iframe src=\"{listener.Url}/ramme\"></iframe>";
        submission["assessment"] = $"[klikk her](javascript:alert(1)) og [lokalt]({listener.Url}/lenke) og <{listener.Url}/auto>";
        submission["proposedDecision"] = new System.Text.Json.Nodes.JsonArray($"<link rel=stylesheet href=\"{listener.Url}/stil.css\">Vedtak");

        var response = await app.Http.PostAsync("/api/cases", Submissions.AsJson(submission));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = json.RootElement.GetProperty("id").GetString();
        var blockedBefore = app.Service<PdfRenderer>().BlockedRequests;
        var pdfResponse = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, $"/api/cases/{id}/document"));
        pdfResponse.EnsureSuccessStatusCode();
        var pdf = await pdfResponse.Content.ReadAsByteArrayAsync();

        var text = await Poppler.Text(pdf);
        Assert.Contains("<script>document.title='hacket'</script>Sammendrag", text);
        Assert.Contains("<img src=file:///etc/passwd>", text);
        Assert.DoesNotContain("root:x:0:0", text);
        Assert.Contains("[bilde: spor]", text);
        Assert.Contains("klikk her", text);
        Assert.EndsWith("Sak med fiendtlig innhold", Poppler.Field(await Poppler.Info(pdf), "Title"));

        using (var document = PdfDocument.Open(pdf))
        {
            var links = document.GetPages().SelectMany(p => p.GetHyperlinks()).Select(l => l.Uri ?? "").ToList();
            Assert.DoesNotContain(links, l => l.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || l.Contains("127.0.0.1", StringComparison.Ordinal));
        }

        await Task.Delay(200);
        Assert.Empty(listener.Requests);
        Assert.Equal(blockedBefore, app.Service<PdfRenderer>().BlockedRequests);
    }

    [Fact]
    public async Task PageThatTriesToLoadSomething_IsRefusedByTheRenderer()
    {
        // The renderer's own guard, below the sanitizer: HTML that asks for resources gets none.
        using var listener = new RecordingHttpListener();
        var renderer = app.Service<PdfRenderer>();
        var before = renderer.BlockedRequests;
        var html = $"<html lang=\"nb\"><head><title>t</title><link rel=stylesheet href=\"{listener.Url}/a.css\"></head><body><img src=\"{listener.Url}/b.png\"><img src=\"file:///etc/passwd\"><p>Tekst</p></body></html>";
        var pdf = await renderer.Render(html, new PageFrame("Test"));

        Assert.Contains("Tekst", await Poppler.Text(pdf));
        await Task.Delay(200);
        Assert.Empty(listener.Requests);
        Assert.True(renderer.BlockedRequests >= before + 2);
    }
}

/// <summary>A template error stops the app at start and names the template, line and column.</summary>
public sealed class TemplateErrorTests
{
    [Fact]
    public async Task BrokenTemplate_StopsTheStart_NamingTemplateLineAndColumn()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"maler-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var templates = Path.Combine(RepoPaths.Root, "templates");
        foreach (var file in Directory.GetFiles(templates, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder, Path.GetRelativePath(templates, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, DocumentTemplates.Summons), "# Innkalling\n\n{% for item in agenda %}\n{{ item.title }\n");
        var settings = AppFixture.Settings("UseDevelopmentStorage=true", $"http://127.0.0.1:{Azurite.FreePort()}");
        settings["Documents:TemplatesPath"] = folder;
        settings["Community:Definition"] = "";

        var failure = await Assert.ThrowsAsync<TemplateException>(() => AppFixture.StartApp(settings));
        Assert.Contains("summons.md.liquid", failure.Message);
        Assert.Contains("at (4:14)", failure.Message); // line 4, column 14: where the closing braces are missing
        Directory.Delete(folder, recursive: true);
    }
}
