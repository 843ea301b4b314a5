using System.Net;
using System.Net.Http.Json;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Documents;

/// <summary>An app without Chromium (a Flex Consumption worker) prints through the renderer: the same app with Chromium.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class RemoteRendererTests(AppFixture renderer)
{
    [Fact]
    public async Task AppWithoutChromium_PrintsThroughTheRenderer()
    {
        await using var app = await renderer.StartAnother(settings =>
        {
            settings["Documents:ChromiumPath"] = "/finnes/ikke/chromium";
            settings["Documents:RendererUrl"] = renderer.BaseUrl;
            settings["Documents:RendererKey"] = AppFixture.RendererKey;
        });

        var model = new CasePaperModel(new BodyView("Strategisk samarbeidsutvalg", "SSU"), new MeetingView("torsdag 11. februar 2027", "11.02.2027", "10:00", "14:00", "Mosjøen", null),
            new CaseView("4/27", "Sak skrevet ut hos rendereren", "Rana kommune", "Beslutningssak", "Sammendrag.", "Bakgrunn.", "", ["Vedtak."], null), []);
        var rendered = await app.Services.GetRequiredService<DocumentRenderer>().Render(DocumentTemplates.CasePaper, model, new DocumentInfo("Sak 4/27", "Helsefellesskap Helgeland", "Saksfremlegg", "SSU"));

        Assert.Contains("Sak skrevet ut hos rendereren", await Poppler.Text(rendered.Pdf));
        Assert.Equal("yes", Poppler.Field(await Poppler.Info(rendered.Pdf), "Tagged"));
        await app.StopAsync();
    }

    [Fact]
    public async Task RenderEndpoint_AnswersOnlyWithTheRendererKey()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/internal/render") { Content = JsonContent.Create(new { html = "<p>x</p>", header = "x" }) };
        request.Headers.Add("x-functions-key", "feil-nokkel-0123456789");
        Assert.Equal(HttpStatusCode.NotFound, (await renderer.Http.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await renderer.Http.PostAsJsonAsync("/api/internal/render", new { html = "<p>x</p>", header = "x" })).StatusCode);
    }
}
