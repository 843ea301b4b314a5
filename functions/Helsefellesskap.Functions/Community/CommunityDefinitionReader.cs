using System.Globalization;
using Helsefellesskap.Functions.Meetings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Helsefellesskap.Functions.Community;

/// <summary>The definition could not be read: every problem found, each naming file, line and field, in Norwegian.</summary>
public sealed class CommunityDefinitionException(IReadOnlyList<string> problems)
    : Exception("Definisjonen av helsefellesskapet kan ikke brukes:\n" + string.Join("\n", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Reads a community definition (YAML; the fields are described in communities/README.md). Every
/// problem is collected, not only the first, and each names the file, the line and the field, so the
/// person editing the file can fix them all in one go. Unknown fields are problems too (a misspelt
/// field would otherwise silently fall back to a default).
/// </summary>
public static partial class CommunityDefinitionReader
{
    public static CommunityDefinition Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CommunityDefinitionException([$"{path}: filen finnes ikke."]);
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static CommunityDefinition Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new CommunityDefinitionException([$"{file}, linje {e.Start.Line}: ikke gyldig YAML: {e.Message}"]);
        }

        var walker = new Walker(file);
        var definition = stream.Documents.Count == 1 ? walker.Community(stream.Documents[0].RootNode) : null;
        if (stream.Documents.Count != 1)
        {
            walker.Problem(1, "", "Filen må inneholde nøyaktig ett YAML-dokument.");
        }

        return walker.Problems.Count > 0 || definition is null ? throw new CommunityDefinitionException(walker.Problems) : definition;
    }

    private sealed partial class Walker(string file)
    {
        public List<string> Problems { get; } = [];

        public void Problem(long line, string field, string message) =>
            Problems.Add(field.Length == 0 ? $"{file}, linje {line}: {message}" : $"{file}, linje {line}, {field}: {message}");

        private void Problem(YamlNode node, string field, string message) => Problem(node.Start.Line, field, message);

        public CommunityDefinition? Community(YamlNode root)
        {
            if (Map(root, "") is not { } map)
            {
                return null;
            }

            Known(map, "", "name", "parties", "bodies");
            var name = Text(map, "name", "", "Skriv helsefellesskapets navn, for eksempel «Helsefellesskap Helgeland».");
            var parties = Map(Child(map, "parties", "", required: true), "parties");
            PartyDefinition? municipalities = null, hospital = null;
            if (parties is not null)
            {
                Known(parties, "parties", "municipalities", "hospital");
                municipalities = Party(parties, "municipalities");
                hospital = Party(parties, "hospital");
            }

            var bodies = new List<BodyDefinition>();
            var bodyNodes = Sequence(Child(map, "bodies", "", required: true), "bodies");
            var codes = bodyNodes.Select(n => n is YamlMappingNode m && Child(m, "code", "", false) is YamlScalarNode s ? s.Value ?? "" : "").ToList();
            for (var i = 0; i < bodyNodes.Count; i++)
            {
                if (Body(bodyNodes[i], $"bodies[{i}]", name ?? "", codes.Where((_, j) => j != i).ToList()) is { } body)
                {
                    if (bodies.Any(b => b.Body.Code == body.Body.Code))
                    {
                        Problem(bodyNodes[i], $"bodies[{i}].code", $"Koden «{body.Body.Code}» er brukt av et annet utvalg.");
                    }

                    bodies.Add(body);
                }
            }

            return name is null || municipalities is null || hospital is null ? null : new CommunityDefinition(name, municipalities, hospital, bodies);
        }

        private PartyDefinition? Party(YamlMappingNode parties, string key)
        {
            var field = $"parties.{key}";
            if (Map(Child(parties, key, "parties", required: true), field) is not { } map)
            {
                return null;
            }

            Known(map, field, "name", "partners");
            var name = Text(map, "name", field, "Skriv partens navn.");
            var partners = Sequence(Child(map, "partners", field, required: false), $"{field}.partners").Select((n, i) => Scalar(n, $"{field}.partners[{i}]")).OfType<string>().ToList();
            return name is null ? null : new PartyDefinition(name, partners);
        }

        private BodyDefinition? Body(YamlNode node, string field, string communityName, IReadOnlyCollection<string> otherCodes)
        {
            if (Map(node, field) is not { } map)
            {
                return null;
            }

            Known(map, field, "code", "name", "shortName", "kind", "parent", "takesCases", "mandate", "reportEveryMonths", "established", "rules", "plan", "meetings", "members");
            var code = Text(map, "code", field, "Skriv utvalgets kode, for eksempel «ssu».") ?? "";
            var kind = EnumValue<BodyKind>(map, "kind", field) ?? BodyKind.Strategic;
            var rules = Rules(map, field);
            var body = new Body(code, Text(map, "name", field, "Skriv utvalgets navn.") ?? "", Text(map, "shortName", field, "Skriv en kort form av navnet, for eksempel «SSU».") ?? "", communityName, rules ?? new BodyRules())
            {
                Kind = kind,
                Parent = OptionalText(map, "parent", field),
                TakesCases = Bool(map, "takesCases", field) ?? kind != BodyKind.Dialogue,
                Mandate = OptionalText(map, "mandate", field),
                ReportEveryMonths = Int(map, "reportEveryMonths", field),
                Established = Date(map, "established", field),
            };
            foreach (var p in BodyValidation.Problems(body, otherCodes))
            {
                Problem(Child(map, p.Field.Split('.')[0], field, false) ?? map, $"{field}.{p.Field}", p.Message);
            }

            var plan = Child(map, "plan", field, required: false) is { } planNode ? Pattern(planNode, $"{field}.plan") : null;
            var meetings = Sequence(Child(map, "meetings", field, required: false), $"{field}.meetings")
                .Select((n, i) => DatedMeeting(n, $"{field}.meetings[{i}]", code)).OfType<Meeting>().ToList();
            var memberNodes = Sequence(Child(map, "members", field, required: false), $"{field}.members");
            var members = memberNodes.Select((n, i) => Member(n, $"{field}.members[{i}]", code)).ToList();
            var roster = members.OfType<Member>().ToList();
            for (var i = 0; i < members.Count; i++)
            {
                if (members[i] is not { } m)
                {
                    continue;
                }

                if (roster.Count(r => r.Id == m.Id) > 1 && roster.First(r => r.Id == m.Id) != m)
                {
                    Problem(memberNodes[i], $"{field}.members[{i}].id", $"Id-en «{m.Id}» er brukt av en annen person i utvalget.");
                }

                foreach (var p in BodyValidation.Problems(m, roster, body.Rules))
                {
                    Problem(memberNodes[i] is YamlMappingNode mm ? Child(mm, p.Field, "", false) ?? memberNodes[i] : memberNodes[i], $"{field}.members[{i}].{p.Field}", p.Message);
                }
            }

            return new BodyDefinition(body, roster, plan, meetings);
        }

        private BodyRules? Rules(YamlMappingNode body, string field)
        {
            if (Map(Child(body, "rules", field, required: false), $"{field}.rules") is not { } map)
            {
                return null;
            }

            var f = $"{field}.rules";
            Known(map, f, "decision", "quorum", "meetingsPerYear", "deadlineReminderDays", "caseDeadlineDays", "agendaFreezeDays", "summonsDays", "extraordinaryNoticeDays", "minutesApprovalWorkingDays", "publicationDays", "publishesCasePapers", "openMeetings");
            var d = new BodyRules();
            return new BodyRules
            {
                Decision = EnumValue<DecisionRule>(map, "decision", f) ?? d.Decision,
                Quorum = EnumValue<QuorumRule>(map, "quorum", f) ?? d.Quorum,
                MeetingsPerYear = Int(map, "meetingsPerYear", f) ?? d.MeetingsPerYear,
                DeadlineReminderDays = Int(map, "deadlineReminderDays", f) ?? d.DeadlineReminderDays,
                CaseDeadlineDays = Int(map, "caseDeadlineDays", f) ?? d.CaseDeadlineDays,
                AgendaFreezeDays = Int(map, "agendaFreezeDays", f) ?? d.AgendaFreezeDays,
                SummonsDays = Int(map, "summonsDays", f) ?? d.SummonsDays,
                ExtraordinaryNoticeDays = Int(map, "extraordinaryNoticeDays", f) ?? d.ExtraordinaryNoticeDays,
                MinutesApprovalWorkingDays = Int(map, "minutesApprovalWorkingDays", f) ?? d.MinutesApprovalWorkingDays,
                PublicationDays = Int(map, "publicationDays", f) ?? d.PublicationDays,
                PublishesCasePapers = Bool(map, "publishesCasePapers", f) ?? d.PublishesCasePapers,
                OpenMeetings = Bool(map, "openMeetings", f) ?? d.OpenMeetings,
            };
        }

        private MeetingPattern? Pattern(YamlNode node, string field)
        {
            if (Map(node, field) is not { } map)
            {
                return null;
            }

            Known(map, field, "months", "weekday", "week", "start", "end", "location", "videoLink");
            var months = Sequence(Child(map, "months", field, required: true), $"{field}.months").Select((n, i) => IntOf(n, $"{field}.months[{i}]")).OfType<int>().ToList();
            if (months.Any(m => m is < 1 or > 12) || months.Distinct().Count() != months.Count)
            {
                Problem(map, $"{field}.months", "Månedene skrives som tall 1–12, hver én gang.");
            }

            var weekday = EnumValue<DayOfWeek>(map, "weekday", field);
            var week = Int(map, "week", field) ?? 1;
            if (week is < 1 or > 5)
            {
                Problem(map, $"{field}.week", "Uken i måneden må være 1–5 (5: den siste).");
            }

            var (start, end) = Times(map, field);
            var location = Text(map, "location", field, "Skriv møtestedet.");
            if (weekday is null)
            {
                Problem(map, $"{field}.weekday", "Skriv ukedagen på engelsk, for eksempel «thursday».");
            }

            return weekday is null || location is null || start is null || end is null ? null
                : new MeetingPattern(months, weekday.Value, week, start.Value, end.Value, location, OptionalText(map, "videoLink", field));
        }

        private Meeting? DatedMeeting(YamlNode node, string field, string body)
        {
            if (Map(node, field) is not { } map)
            {
                return null;
            }

            Known(map, field, "date", "start", "end", "location", "videoLink", "kind");
            var date = Date(map, "date", field);
            if (date is null)
            {
                Problem(map, $"{field}.date", "Skriv møtedatoen som åååå-mm-dd.");
            }

            var kind = EnumValue<MeetingKind>(map, "kind", field) ?? MeetingKind.Ordinary;
            var (start, end) = Times(map, field);
            var location = Text(map, "location", field, "Skriv møtestedet.");
            return date is null || start is null || end is null || location is null ? null
                : new Meeting(MeetingId.For(body, date.Value, kind), body, date.Value, start.Value, end.Value, location, OptionalText(map, "videoLink", field), kind, MeetingStatus.Planned);
        }

        private Member? Member(YamlNode node, string field, string body)
        {
            if (Map(node, field) is not { } map)
            {
                return null;
            }

            Known(map, field, "id", "name", "email", "organisation", "party", "role", "deputyFor", "deputyOrder", "from", "to");
            var role = EnumValue<MemberRole>(map, "role", field);
            if (role is null && Child(map, "role", field, false) is null)
            {
                Problem(map, $"{field}.role", "Skriv rollen: «member», «deputy», «speakingRight» eller «observer».");
            }

            return role is null ? null : new Member(
                OptionalText(map, "id", field) ?? "",
                body,
                OptionalText(map, "name", field) ?? "",
                OptionalText(map, "email", field) ?? "",
                OptionalText(map, "organisation", field) ?? "",
                EnumValue<Party>(map, "party", field),
                role.Value,
                OptionalText(map, "deputyFor", field),
                Int(map, "deputyOrder", field))
            {
                From = Date(map, "from", field),
                To = Date(map, "to", field),
            };
        }
    }
}
