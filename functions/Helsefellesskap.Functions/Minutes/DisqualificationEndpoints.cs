using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Web;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>Disqualification declared ahead: the personal link from the summons (a Norwegian page); the secretariat is told by email.</summary>
public static class DisqualificationEndpoints
{
    public const string Purpose = "inhabil";

    public static void MapDisqualification(this IEndpointRouteBuilder app)
    {
        app.MapGet($"/api/{Purpose}/{{meetingId}}/{{memberId}}", Page);
        app.MapPost($"/api/{Purpose}/{{meetingId}}/{{memberId}}", Submit).DisableAntiforgery();
    }

    /// <summary>What the link is for: the meeting, its frozen agenda and the person, while the meeting's outcome is not yet recorded.</summary>
    private sealed record Context(MeetingAgenda Agenda, Member Member, IReadOnlyList<DisqualificationNotice> Declared);

    private static async Task<(Context? Found, IResult? Refused)> Find(string meetingId, string memberId, long expires, string? token, IServiceProvider services, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        if (!MeetingId.TryParse(meetingId, out var id) || !services.GetRequiredService<MeetingLinks>().IsValid(Purpose, id, memberId, expires, token, clock.GetUtcNow())
            || await services.GetRequiredService<AgendaService>().Agenda(id, ct) is not { State.Frozen: true } agenda
            || (await services.GetRequiredService<MeetingStore>().Roster(agenda.Meeting, ct)).FirstOrDefault(m => m.Id == memberId) is not { } member)
        {
            return (null, Pages.Message("Lenken er ikke gyldig", "Lenken er ikke gyldig", "Lenken er utløpt eller feil. Meld inhabilitet direkte til sekretariatet.", StatusCodes.Status404NotFound));
        }

        if ((await services.GetRequiredService<MinutesStore>().Get(id, ct)).Outcome is not null)
        {
            return (null, Pages.Message("Møtet har behandlet sakene", "Meld inhabilitet",
                "Utfallet av møtet er registrert. Kontakt sekretariatet hvis protokollen skal vise at du var inhabil.", StatusCodes.Status409Conflict));
        }

        return (new Context(agenda, member, await services.GetRequiredService<DisqualificationNotices>().For(id, ct)), null);
    }

    private static async Task<IResult> Page(string meetingId, string memberId, long utloper, string? token, IServiceProvider services, CancellationToken ct)
    {
        var (found, refused) = await Find(meetingId, memberId, utloper, token, services, ct);
        if (found is null)
        {
            return refused!;
        }

        var mine = found.Declared.Where(n => n.MemberId == memberId).ToDictionary(n => n.CaseId);
        var cases = Cases(found.Agenda).Select(c => new DisqualificationPage.CaseChoice(c.Id, c.Number, c.Title, mine.ContainsKey(c.Id), mine.GetValueOrDefault(c.Id)?.Reason)).ToList();
        var meeting = found.Agenda.Meeting;
        return Pages.Render<DisqualificationPage>(new
        {
            BodyName = found.Agenda.Body.Name,
            BodyShortName = found.Agenda.Body.ShortName,
            When = $"{Norwegian.LongDate(meeting.Date)} kl. {Norwegian.Time(meeting.Start)}",
            Cases = cases,
            Expires = utloper,
            Token = token,
        });
    }

    private static async Task<IResult> Submit(string meetingId, string memberId, HttpRequest request, IServiceProvider services, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        _ = long.TryParse(form?["utloper"], out var expires);
        var (found, refused) = await Find(meetingId, memberId, expires, form?["token"], services, ct);
        if (form is null || found is null)
        {
            return refused ?? Pages.Message("Lenken er ikke gyldig", "Lenken er ikke gyldig", "Meld inhabilitet direkte til sekretariatet.", StatusCodes.Status404NotFound);
        }

        var onAgenda = Cases(found.Agenda).ToDictionary(c => c.Id);
        var chosen = form["case"].OfType<string>().Distinct().ToList();
        if (chosen.Any(c => !onAgenda.ContainsKey(c)) || chosen.Any(c => form[$"grunn-{c}"].ToString().Length > 500))
        {
            return Pages.Message("Feil: Meld inhabilitet", "Meld inhabilitet", "Velg saker fra sakslisten, og skriv høyst 500 tegn om grunnlaget. Gå tilbake og prøv igjen.", StatusCodes.Status400BadRequest, error: true);
        }

        var cases = chosen.ToDictionary(c => c, c => (string?)form[$"grunn-{c}"].ToString());
        var meeting = found.Agenda.Meeting;
        var at = await services.GetRequiredService<DisqualificationNotices>().Declare(meeting.Id, memberId, cases, ct);
        var lines = chosen.Select(c => new DisqualifiedCaseView(onAgenda[c].Number, onAgenda[c].Title, string.IsNullOrWhiteSpace(cases[c]) ? null : cases[c]!.Trim())).ToList();
        var emails = services.GetRequiredService<EmailTemplates>();
        await services.GetRequiredService<EmailOutbox>().Enqueue(await emails.Compose(Emails.DisqualificationNotice, MessageIds.DisqualificationNotice(meeting.Id, memberId, at),
            EmailAddress.Secretariat(services.GetRequiredService<IOptions<SecretariatOptions>>().Value),
            new DisqualificationNoticeEmail(found.Member.Name, found.Member.Organisation, BodyView.Of(found.Agenda.Body), MeetingView.Of(meeting), lines)), ct);

        var said = lines.Count == 0
            ? "Du er ikke lenger meldt inhabil i noen sak på dette møtet."
            : $"Du er meldt inhabil i {string.Join(" og ", lines.Select(l => $"sak {l.Number}"))}.";
        return Pages.Message("Inhabilitet meldt", "Inhabilitet meldt", $"Takk, {found.Member.Name}. {said} Sekretariatet er varslet, og møtet avgjør spørsmålet.");
    }

    private sealed record CaseLine(string Id, string Number, string Title);

    /// <summary>The cases of the agenda as the summons lists them (an exempt case by its public title).</summary>
    private static IEnumerable<CaseLine> Cases(MeetingAgenda agenda) =>
        agenda.Items.Where(i => i.CaseId is not null)
            .Select(i => new CaseLine(i.CaseId!, i.Label, agenda.Cases.FirstOrDefault(c => c.Id == i.CaseId)?.PublicTitle ?? i.Title));
}
