using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>What the secretariat is told about the cycle itself: a publication deadline at risk, a step whose purpose passed, a step that failed (in words it can act on).</summary>
public sealed partial class CycleSteps
{
    /// <summary>The minutes of this meeting cannot be approved by silence and published in time, whatever day the draft goes.</summary>
    public async Task<string> PublicationAtRisk(Meeting meeting, Body body, CancellationToken ct)
    {
        var message = await emails.Compose(Emails.PublicationAtRisk, MessageIds.PublicationAtRisk(meeting.Id), Secretariat(),
            new PublicationAtRiskEmail(BodyView.Of(body), MeetingView.Of(meeting), Norwegian.LongDate(meeting.Date.AddDays(body.Rules.PublicationDays)), body.Rules.MinutesApprovalWorkingDays));
        await outbox.Record(message, ct);
        return message.Id;
    }

    /// <summary>A step not run because its moment has passed; for a summons the secretariat is told, since the meeting lacks its papers.</summary>
    public async Task<StepResult> PurposePassed(CycleStep step, Meeting meeting, Body body, CancellationToken ct)
    {
        if (step != CycleStep.Summons)
        {
            return new StepResult("Ikke utført: tidspunktet det skulle brukes til, var passert", []);
        }

        var message = await emails.Compose(Emails.StepSkipped, MessageIds.StepSkipped(meeting.Id, step.ToString()), Secretariat(),
            new StepSkippedEmail(BodyView.Of(body), MeetingView.Of(meeting), CyclePlan.Label(step),
                "Innkallingen er ikke sendt, fordi møtet har begynt. Ble møtet holdt, må sekretariatet selv sørge for at innkalling og sakspapirer er sendt; ellers bør møtet flyttes eller avlyses."));
        await outbox.Record(message, ct);
        return new StepResult("Ikke sendt: møtet hadde begynt. Sekretariatet er varslet", [message.Id]);
    }

    /// <summary>A step that threw: the outcome says so in Norwegian with the next try, and the secretariat is told the first time.</summary>
    public async Task<StepResult> Failed(CycleStep step, Meeting meeting, Body body, Exception error, int failures, DateTimeOffset retry, CancellationToken ct)
    {
        var reason = Reason(error);
        var outcome = $"Feilet ({failures}. gang): {reason}. Prøves igjen {Norwegian.DateTime(retry)}";
        if (failures > 1)
        {
            return new StepResult(outcome, []);
        }

        var technical = $"{error.GetType().Name}: {error.Message}";
        var message = await emails.Compose(Emails.StepFailed, MessageIds.StepFailed(meeting.Id, step.ToString()), Secretariat(),
            new StepFailedEmail(BodyView.Of(body), MeetingView.Of(meeting), meeting.Id.Value, CyclePlan.Label(step), reason,
                technical.Length > 500 ? technical[..500] + "…" : technical, Norwegian.DateTime(retry)));
        await outbox.Record(message, ct);
        return new StepResult(outcome, [message.Id]);
    }

    /// <summary>What went wrong, in words a secretariat can act on.</summary>
    public static string Reason(Exception error) => error switch
    {
        Azure.RequestFailedException => "lagringen svarte ikke som ventet",
        HttpRequestException => "en tjeneste appen bruker, svarte ikke",
        TemplateException => "en mal har en feil",
        PuppeteerSharp.PuppeteerException or PuppeteerSharp.ProcessException or TimeoutException => "utskriften til PDF feilet",
        _ => "en uventet feil i programmet",
    };

    public EmailAddress Secretariat() => EmailAddress.Secretariat(secretariat.Value);
}
