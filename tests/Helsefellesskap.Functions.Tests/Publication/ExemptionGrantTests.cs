using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Publication;

/// <summary>
/// "Exempt papers go … never to observers or speaking-right participants unless the secretariat grants it
/// per case": the observer granted one exempt case fetches it with a personal link; the other observer,
/// and the granted one for any other exempt case, still see only the notice.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class ExemptionGrantTests(AppFixture app)
{
    private const string Granted = "GITT-TILGANG-6612";
    private const string NotGranted = "IKKE-GITT-7731";

    private async Task<string> SubmitExempt(CycleTestBody t, string secret)
    {
        var json = Submissions.Valid($"Unntatt sak {secret.Length}{Guid.NewGuid():N}");
        json["body"] = t.Body.Code;
        json["background"] = $"Opplysninger: {secret}.";
        json["exemption"] = new JsonObject { ["legalBasis"] = "offl. § 13" };
        using var created = await app.Http.PostAsync("/api/cases", Submissions.AsJson(json));
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> Grant(string caseId, params string[] memberIds)
    {
        var request = app.AsSecretariat(HttpMethod.Put, $"/api/cases/{caseId}/exemption/access");
        request.Content = JsonContent.Create(new { memberIds });
        return await app.Http.SendAsync(request);
    }

    [Fact]
    public async Task AnObserverGrantedOneCase_ReadsThatCaseOnly_AndNobodyElseGainsAnything()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 10, 14));
        var granted = await SubmitExempt(t, Granted);
        await SubmitExempt(t, NotGranted);

        using (var member = await Grant(granted, "k1"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, member.StatusCode);
            Assert.Contains("memberIds", await member.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var ok = await Grant(granted, "o1"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var summonsAt = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt;
        app.Clock.Set(summonsAt);
        await app.Service<CycleRunner>().Advance(t.Meeting.Id, summonsAt);
        await app.Service<EmailOutbox>().SendPending();

        // The granted observer: nothing exempt in the email, a personal link to papers holding the granted case only.
        var o1 = await SentEmails.Readable(app, MessageIds.Summons(t.Meeting.Id, "o1"));
        Assert.DoesNotContain(Granted, o1, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(o1, @"\[unntatt\]: (\S+)").Groups[1].Value;
        var papers = await Poppler.Text(await app.Http.GetByteArrayAsync(new Uri(link).PathAndQuery));
        Assert.Contains(Granted, papers, StringComparison.Ordinal);
        Assert.DoesNotContain(NotGranted, papers, StringComparison.Ordinal);

        // The other observer: no link, nothing exempt.
        var o2 = await SentEmails.Readable(app, MessageIds.Summons(t.Meeting.Id, "o2"));
        Assert.DoesNotContain("[unntatt]", o2, StringComparison.Ordinal);
        Assert.DoesNotContain(Granted, o2, StringComparison.Ordinal);
        Assert.DoesNotContain(NotGranted, o2, StringComparison.Ordinal);

        // Taking the access back: the observer's link gives the papers without the case again.
        using (var back = await Grant(granted))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }

        Assert.DoesNotContain(Granted, await Poppler.Text(await app.Http.GetByteArrayAsync(new Uri(link).PathAndQuery)), StringComparison.Ordinal);
    }
}
