using System.Net;
using System.Net.Http.Json;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Meetings;

/// <summary>Rosters are dated facts: a meeting keeps the roster it was summoned with, whatever is changed afterwards.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class RosterWalkTests(AppFixture app)
{
    private async Task Clock(DateTimeOffset now) => (await app.Http.PostAsJsonAsync("/api/dev/clock", new { now })).EnsureSuccessStatusCode();

    [Fact]
    public async Task AMemberAddedWithAStartInThePast_DoesNotJoinAMeetingAlreadySummoned()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2028, 2, 10));
        await t.SubmitCase(app, "Felles rutine for utskrivning");
        await Clock(Common.Oslo.At(t.Meeting.Date.AddDays(-7), new TimeOnly(8, 0)));
        var summoned = (await app.Service<MeetingStore>().KeptRoster(t.Meeting.Id))!;
        Assert.Equal(t.Members.Select(m => m.Id).Order(), summoned.Select(m => m.Id).Order());

        // After the summons, a new member is registered as serving since the start of the year.
        var request = app.AsSecretariat(HttpMethod.Post, $"/api/bodies/{t.Body.Code}/members");
        request.Content = JsonContent.Create(new { id = "k9", name = "Nina Nyhus", email = "nina.nyhus@example.org", organisation = "Vega kommune", party = "municipalities", role = "deputy", deputyOrder = 9, from = "2028-01-01" });
        Assert.Equal(HttpStatusCode.Created, (await app.Http.SendAsync(request)).StatusCode);
        Assert.Contains((await app.Service<MeetingStore>().Roster(t.Body.Code, t.Meeting.Date)), m => m.Id == "k9"); // the body's roster on that date has her

        // The meeting does not: no summons row "missed" for her, and the Møtet form and the outcome know only those summoned.
        await Clock(Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
        var rows = (await app.GetAsSecretariat<ComplianceTimeline.MeetingView>($"/api/meetings/{t.Meeting.Id}/compliance")).Rows;
        Assert.DoesNotContain(rows, r => r.Subject?.Contains("Nina Nyhus", StringComparison.Ordinal) == true);
        Assert.Equal(summoned.Count(m => m.Role is MemberRole.Member or MemberRole.Deputy), rows.Count(r => r.Requirement == "summons"));
        var outcome = await app.Service<OutcomeRecording>().Record(t.Meeting.Id, new OutcomeRecording.OutcomeInput(["k1", "k9"], [], null), default);
        var invalid = Assert.IsType<OutcomeRecording.Result.Invalid>(outcome);
        Assert.Contains("«k9» er ikke medlem eller vara", string.Join(" ", invalid.Errors.Messages));
    }
}
