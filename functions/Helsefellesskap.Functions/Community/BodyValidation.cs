using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Community;

/// <summary>
/// What makes a body and a roster valid, in one place for the community definition and the API. Each
/// problem names its field (as in the JSON and the YAML) and says in Norwegian what to write instead.
/// </summary>
public static class BodyValidation
{
    public sealed record Problem(string Field, string Message);

    public static IEnumerable<Problem> Problems(Body body, IReadOnlyCollection<string> otherBodies)
    {
        if (!MeetingStore.IsBodyCode(body.Code))
        {
            yield return new("code", "Koden må være 1–32 små bokstaver a–z eller sifre, for eksempel «ssu».");
        }

        foreach (var p in Text("name", body.Name, 200, "Skriv utvalgets navn."))
        {
            yield return p;
        }

        foreach (var p in Text("shortName", body.ShortName, 60, "Skriv en kort form av navnet, for eksempel «SSU»."))
        {
            yield return p;
        }

        if (body.Kind == BodyKind.Professional && string.IsNullOrWhiteSpace(body.Parent))
        {
            yield return new("parent", "Et faglig samarbeidsutvalg rapporterer til et utvalg: oppgi koden, for eksempel «ssu».");
        }

        if (body.Parent is { } parent && (parent == body.Code || !otherBodies.Contains(parent)))
        {
            yield return new("parent", $"Det finnes ikke noe annet utvalg med koden «{parent}».");
        }

        if (body.ReportEveryMonths is { } every && every is < 1 or > 24)
        {
            yield return new("reportEveryMonths", "Rapporteringen må skje hver 1.–24. måned.");
        }

        if (body.ReportEveryMonths is not null && body.Parent is null)
        {
            yield return new("reportEveryMonths", "Bare et utvalg med et overordnet utvalg («parent») rapporterer.");
        }

        if (body.Mandate is { Length: > 4000 })
        {
            yield return new("mandate", "Mandatet kan være høyst 4000 tegn.");
        }

        foreach (var p in Rules(body.Rules))
        {
            yield return p with { Field = $"rules.{p.Field}" };
        }
    }

    /// <summary>The offsets of the cycle must come in order: reminder, case deadline, agenda freeze, summons, meeting.</summary>
    public static IEnumerable<Problem> Rules(BodyRules r)
    {
        if (r.SummonsDays is < 1 or > 60)
        {
            yield return new("summonsDays", "Innkallingen må gå ut 1–60 dager før møtet.");
        }

        if (r.SummonsMinimumDays is { } minimum && (minimum < 1 || minimum > r.SummonsDays))
        {
            yield return new("summonsMinimumDays", $"Minste varsel må være 1 dag eller mer og ikke flere dager enn «summonsDays» ({r.SummonsDays}).");
        }

        if (r.AgendaFreezeDays <= r.SummonsDays)
        {
            yield return new("agendaFreezeDays", $"Sakslisten må fastsettes før innkallingen går ut: flere dager før møtet enn «summonsDays» ({r.SummonsDays}).");
        }

        if (r.CaseDeadlineDays <= r.AgendaFreezeDays)
        {
            yield return new("caseDeadlineDays", $"Saksfristen må komme før sakslisten fastsettes: flere dager før møtet enn «agendaFreezeDays» ({r.AgendaFreezeDays}).");
        }

        if (r.DeadlineReminderDays <= r.CaseDeadlineDays || r.DeadlineReminderDays > 120)
        {
            yield return new("deadlineReminderDays", $"Påminnelsen må gå ut før saksfristen: flere dager før møtet enn «caseDeadlineDays» ({r.CaseDeadlineDays}), høyst 120.");
        }

        if (r.ExtraordinaryNoticeDays is < 1 or > 60)
        {
            yield return new("extraordinaryNoticeDays", "Varselet for et ekstraordinært møte må være 1–60 dager.");
        }

        if (r.MinutesApprovalWorkingDays is < 1 or > 20)
        {
            yield return new("minutesApprovalWorkingDays", "Merknadsfristen for referatet må være 1–20 virkedager.");
        }

        if (r.PublicationDays is < 1 or > 60)
        {
            yield return new("publicationDays", "Referatet må publiseres 1–60 dager etter møtet.");
        }

        if (r.MeetingsPerYear is < 1 or > 52)
        {
            yield return new("meetingsPerYear", "Antall ordinære møter i året må være 1–52.");
        }

        if (r.Decision == DecisionRule.None && r.Quorum != QuorumRule.None)
        {
            yield return new("quorum", "Et møte som ikke fatter vedtak har ikke noe krav til vedtaksførhet: bruk «none».");
        }
    }

    /// <summary>
    /// A member of a body's roster, against the rest of the roster. A member needs a party where the
    /// body's rules count parties (quorum or decisions per party); an FSU's user representative has none.
    /// </summary>
    public static IEnumerable<Problem> Problems(Member m, IReadOnlyList<Member> roster, BodyRules rules)
    {
        if (!IsMemberId(m.Id))
        {
            yield return new("id", "Id-en må være 1–40 små bokstaver a–z, sifre eller bindestrek, for eksempel «k1» eller «k1-vara».");
        }

        foreach (var p in Text("name", m.Name, 200, "Skriv personens navn."))
        {
            yield return p;
        }

        if (string.IsNullOrWhiteSpace(m.Email) || !EmailAddressRule.IsValid(m.Email))
        {
            yield return new("email", "E-postadressen er ikke gyldig. Skriv den slik: navn@kommune.no.");
        }

        foreach (var p in Text("organisation", m.Organisation, 200, "Skriv hvilken organisasjon personen kommer fra, for eksempel «Rana kommune»."))
        {
            yield return p;
        }

        var partiesCount = rules.Decision == DecisionRule.MajorityInEachParty || rules.Quorum == QuorumRule.HalfOfEachParty;
        if ((m.Role == MemberRole.Deputy || m.Role == MemberRole.Member && partiesCount) && m.Party is null)
        {
            yield return new("party", "Et medlem og en vara hører til en part: «municipalities» eller «hospital».");
        }

        if (m.Role != MemberRole.Deputy && (m.DeputyFor is not null || m.DeputyOrder is not null))
        {
            yield return new("deputyFor", "Bare en vara kan være personlig vara («deputyFor») eller stå på varalisten («deputyOrder»).");
        }

        if (m.Role == MemberRole.Deputy && (m.DeputyFor is null) == (m.DeputyOrder is null))
        {
            yield return new("deputyFor", "En vara er enten personlig vara for et medlem («deputyFor») eller står på partens varaliste («deputyOrder»), ikke begge eller ingen.");
        }

        if (m.DeputyFor is { } member && roster.FirstOrDefault(r => r.Id == member) is not { Role: MemberRole.Member })
        {
            yield return new("deputyFor", $"Det finnes ikke noe medlem «{member}» i utvalget.");
        }
        else if (m.DeputyFor is { } of && roster.First(r => r.Id == of).Party != m.Party)
        {
            yield return new("deputyFor", "En personlig vara hører til samme part som medlemmet.");
        }

        if (m.DeputyOrder is < 1 or > 99)
        {
            yield return new("deputyOrder", "Plassen på varalisten må være 1–99.");
        }

        if (m.From is { } from && m.To is { } to && to < from)
        {
            yield return new("to", "Perioden må slutte etter at den begynner.");
        }

        foreach (var p in SeatRules.Problems(m, roster, rules))
        {
            yield return p;
        }
    }

    public static bool IsMemberId(string id) =>
        id.Length is > 0 and <= 40 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && TableKeys.IsValid(id);

    private static IEnumerable<Problem> Text(string field, string? value, int max, string missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new(field, missing);
        }
        else if (value.Length > max)
        {
            yield return new(field, $"Høyst {max} tegn.");
        }
        else if (InvisibleCharacters.In(value))
        {
            yield return new(field, InvisibleCharacters.Message("Teksten"));
        }
    }
}
