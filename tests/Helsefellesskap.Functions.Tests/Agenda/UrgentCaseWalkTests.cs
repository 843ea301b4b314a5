using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Agenda;

/// <summary>
/// "A later case goes to the next meeting unless the secretariat accepts it as urgent (the reason is kept)": urgent is an
/// action of its own in the agenda API, and its reason stays through acceptance, the outcome, the minutes and compliance.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class UrgentCaseWalkTests(AppFixture app)
{
    private async Task Clock(DateTimeOffset now) => (await app.Http.PostAsJsonAsync("/api/dev/clock", new { now })).EnsureSuccessStatusCode();

    private async Task<HttpResponseMessage> Agenda(string meetingId, object change)
    {
        var request = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{meetingId}/agenda");
        request.Content = JsonContent.Create(change, options: Json.Options);
        return await app.Http.SendAsync(request);
    }

    [Fact]
    public async Task ALateCaseTakenUpAsUrgent_KeepsItsReason_ThroughTheOutcome_IntoTheMinutesAndCompliance()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2028, 1, 13));
        var next = await t.AddMeeting(app, new DateOnly(2028, 3, 9));

        // Eight days before the meeting, past the case deadline: the case goes to the next meeting.
        await Clock(Common.Oslo.At(t.Meeting.Date.AddDays(-8), new TimeOnly(9, 0)));
        var submission = Submissions.Valid("Høringssvar om ny nasjonal helse- og samhandlingsplan");
        submission["body"] = t.Body.Code;
        using var submitted = await app.Http.PostAsync("/api/cases", Submissions.AsJson(submission));
        var caseId = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(next.Id.Value, (await app.Service<CaseStore>().Find(caseId))!.MeetingId);

        // Urgent without a reason: refused, nothing changed.
        using (var refused = await Agenda(next.Id.Value, new { decisions = new[] { new { @case = caseId, action = "urgent", meetingId = t.Meeting.Id.Value } } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("ta opp som hastesak", await refused.Content.ReadAsStringAsync());
        }

        Assert.Equal(next.Id.Value, (await app.Service<CaseStore>().Find(caseId))!.MeetingId);

        // Urgent with its reason, into this meeting; the submitter is told.
        const string reason = "Høringsfristen går ut før neste møte.";
        using (var taken = await Agenda(next.Id.Value, new { decisions = new[] { new { @case = caseId, action = "urgent", reason, meetingId = t.Meeting.Id.Value } } }))
        {
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        }

        var urgent = (await app.Service<CaseStore>().Find(caseId))!;
        Assert.Equal((t.Meeting.Id.Value, CaseStatus.Accepted, reason), (urgent.MeetingId, urgent.Status, urgent.Urgent));
        using var told = await app.Http.GetAsync($"/api/dev/outbox/{Functions.Email.MessageIds.CaseDecision("urgent", caseId, next.Id)}.eml");
        var mail = await MimeKit.MimeMessage.LoadAsync(await told.Content.ReadAsStreamAsync());
        Assert.Contains("tar den opp som hastesak i møtet i Testutvalg torsdag 13. januar 2028", System.Text.RegularExpressions.Regex.Replace(mail.TextBody ?? "", @"\s+", " "));

        // The summons at T − 7, the meeting, the case adopted: the reason is still there.
        await Clock(Common.Oslo.At(t.Meeting.Date.AddDays(-7), new TimeOnly(8, 0)));
        await Clock(Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
        var present = t.Members.Where(m => m.Role == Functions.Meetings.MemberRole.Member).Select(m => m.Id).ToList();
        Assert.IsType<OutcomeRecording.Result.Recorded>(await app.Service<OutcomeRecording>().Record(t.Meeting.Id, new OutcomeRecording.OutcomeInput(present, [new(caseId, null, null, null)], null), default));
        var treated = (await app.Service<CaseStore>().Find(caseId))!;
        Assert.Equal((CaseStatus.Treated, reason), (treated.Status, treated.Urgent));

        // Compliance: received after the deadline, in order as urgent, with the reason.
        var row = (await app.GetAsSecretariat<ComplianceTimeline.MeetingView>($"/api/meetings/{t.Meeting.Id}/compliance")).Rows.Single(r => r.Requirement == "case");
        Assert.Equal((ComplianceState.Met, $"Mottatt etter fristen, tatt opp som hastesak: {reason}"), (row.State, row.Reason));

        // The minutes say so under the case.
        var draft = await app.Service<DraftCirculation>().Preview(t.Meeting, t.Body, default);
        Assert.Contains($"Hastesak etter saksfristen: {reason}", System.Text.RegularExpressions.Regex.Replace(await Poppler.Text(draft!), @"\s+", " "));
    }
}
