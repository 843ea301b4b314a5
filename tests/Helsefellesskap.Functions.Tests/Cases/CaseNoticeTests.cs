using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Cases;

/// <summary>
/// What submitters and the secretariat are told as cases move: a case moved to another meeting (where
/// and when), a case withdrawn, a receipt for a case that missed the meeting asked for, a meeting moved
/// before its summons, and the secretariat's notice of new cases, one by one or as a morning digest.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CaseNoticeTests(AppFixture app)
{
    private async Task<string> Text(string messageId, IServiceProvider? services = null)
    {
        await (services ?? app.App.Services).GetRequiredService<EmailOutbox>().SendPending();
        var mime = await SentEmails.Read(app, messageId);
        return $"{mime.Subject}\n{mime.TextBody}";
    }

    [Fact]
    public async Task ACaseMovedToAnotherMeeting_SaysWhichAndWhen_AndAWithdrawnCaseIsConfirmed()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 4));
        var april = await t.AddMeeting(app, new DateOnly(2027, 4, 15));
        var moved = await t.SubmitCase(app, "Sak som flyttes til april");
        var withdrawn = await t.SubmitCase(app, "Sak som trekkes");

        using var request = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}/agenda");
        request.Content = JsonContent.Create(new
        {
            decisions = new object[]
            {
                new { @case = moved, action = "redirect", meetingId = april.Id.Value, reason = "Saken trenger mer utredning." },
                new { @case = withdrawn, action = "withdraw", reason = "Trukket etter ønske fra innsenderen." },
            },
        });
        using var response = await app.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Contains("flytter den til møtet i Testutvalg torsdag 15. april 2027", await Text(MessageIds.CaseDecision("redirect", moved, t.Meeting.Id)), StringComparison.Ordinal);
        Assert.Contains("er trukket etter ønske fra deg", await Text(MessageIds.CaseDecision("withdraw", withdrawn, t.Meeting.Id)), StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Withdrawn, (await app.Service<CaseStore>().Find(withdrawn))!.Status);
        Assert.Equal(april.Id.Value, (await app.Service<CaseStore>().Find(moved))!.MeetingId);
    }

    [Fact]
    public async Task AReceipt_ForACaseThatMissedTheMeetingAskedFor_SaysSoAndNamesTheMeetingItWentTo()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 4));
        await t.AddMeeting(app, new DateOnly(2027, 4, 15));
        app.Clock.Set(new DateTimeOffset(2027, 2, 20, 9, 0, 0, TimeSpan.FromHours(1))); // after 11 February, the March deadline

        var submission = Submissions.Valid("Sak som kommer for sent til mars");
        submission["body"] = t.Body.Code;
        submission["preferredMeetingDate"] = "2027-03-04";
        using var created = await app.Http.PostAsync("/api/cases", Submissions.AsJson(submission));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var receipt = await Text(MessageIds.CaseReceipt(id));
        Assert.Contains("Saksfristen for møtet torsdag 4. mars 2027 var torsdag 11. februar 2027, og saken kom etter fristen.", receipt, StringComparison.Ordinal);
        Assert.Contains("Saken er meldt til møtet torsdag 15. april 2027.", receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMeetingMovedBeforeItsSummons_TellsThoseRemindedAndTheSubmittersTheNewDeadline()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 4));
        var submitted = await t.SubmitCase(app, "Sak til møtet som flyttes");
        var reminderAt = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.DeadlineReminder).DueAt;
        app.Clock.Set(reminderAt);
        await app.Service<CycleRunner>().Advance(t.Meeting.Id, reminderAt);

        using var request = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}");
        request.Content = JsonContent.Create(new { date = "2027-03-18" });
        using var response = await app.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        const string what = "moved-20270318-1000";
        var member = await Text(MessageIds.MeetingChanged(what, t.Meeting.Id, "k1"));
        Assert.Contains("flyttet til torsdag 18. mars 2027", member, StringComparison.Ordinal);
        Assert.Contains("Ny frist for å melde saker er torsdag 25. februar 2027.", member, StringComparison.Ordinal);
        Assert.Contains("flyttet til torsdag 18. mars 2027", await Text(MessageIds.MeetingChanged(what, t.Meeting.Id, submitted)), StringComparison.Ordinal);

        // Only those reminded were told: observers got no reminder, so no change notice either.
        Assert.Null(await app.Service<EmailOutbox>().StateOf(MessageIds.MeetingChanged(what, t.Meeting.Id, "o1")));
    }

    [Fact]
    public async Task TheSecretariat_HearsOfEachNewCase()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 4));
        var id = await t.SubmitCase(app, "Ny sak sekretariatet får høre om");

        var notice = await Text(MessageIds.NewCase(id));
        Assert.Contains("Ny sak: Ny sak sekretariatet får høre om", notice, StringComparison.Ordinal);
        Assert.Contains($"/api/cases/{id}", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecretariatThatChoseADigest_HearsOfTheDaysCasesTheNextMorning_Once()
    {
        var instance = await app.StartAnother(s => s["Secretariat:NewCases"] = "Daily");
        try
        {
            var t = await CycleTestBody.Create(instance.Services, new DateOnly(2027, 3, 4));
            using var http = new HttpClient { BaseAddress = new Uri(instance.Urls.First()) };
            var clock = instance.Services.GetRequiredService<Functions.Common.AdjustableClock>();
            clock.Set(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(1)));
            var first = await t.SubmitCase(http, "Første sak tirsdag");
            clock.Set(new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.FromHours(1)));
            var second = await t.SubmitCase(http, "Andre sak tirsdag");
            var notices = instance.Services.GetRequiredService<CaseNotices>();
            Assert.Null(await instance.Services.GetRequiredService<EmailOutbox>().StateOf(MessageIds.NewCase(first)));

            clock.Set(new DateTimeOffset(2026, 12, 2, 6, 59, 0, TimeSpan.FromHours(1)));
            Assert.False(await notices.Digest(default));
            clock.Set(new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.FromHours(1)));
            Assert.True(await notices.Digest(default));
            Assert.False(await notices.Digest(default));

            var digest = await Text(MessageIds.NewCaseDigest(new DateOnly(2026, 12, 1)), instance.Services);
            Assert.Contains("Nye saker tirsdag 1. desember 2026", digest, StringComparison.Ordinal);
            Assert.Contains(first, digest, StringComparison.Ordinal);
            Assert.Contains(second, digest, StringComparison.Ordinal);
        }
        finally
        {
            await instance.StopAsync();
            await instance.DisposeAsync();
        }
    }
}
