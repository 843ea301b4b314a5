using Helsefellesskap.Functions.Meetings;
using YamlDotNet.RepresentationModel;

namespace Helsefellesskap.Functions.Community;

public static partial class CommunityDefinitionReader
{
    /// <summary>The parts of a body: its rules, its meeting pattern, a dated meeting, a member.</summary>
    private sealed partial class Walker
    {
        private BodyRules? Rules(YamlMappingNode body, string field)
        {
            if (Map(Child(body, "rules", field, required: false), $"{field}.rules") is not { } map)
            {
                return null;
            }

            var f = $"{field}.rules";
            Known(map, f, "decision", "quorum", "meetingsPerYear", "deadlineReminderDays", "caseDeadlineDays", "agendaFreezeDays", "summonsDays", "summonsMinimumDays", "municipalSeats", "hospitalSeats", "extraordinaryNoticeDays", "minutesApprovalWorkingDays", "publicationDays", "publishesCasePapers", "openMeetings");
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
                SummonsMinimumDays = Int(map, "summonsMinimumDays", f),
                MunicipalSeats = Int(map, "municipalSeats", f),
                HospitalSeats = Int(map, "hospitalSeats", f),
                ExtraordinaryNoticeDays = Int(map, "extraordinaryNoticeDays", f) ?? d.ExtraordinaryNoticeDays,
                MinutesApprovalWorkingDays = Int(map, "minutesApprovalWorkingDays", f) ?? d.MinutesApprovalWorkingDays,
                PublicationDays = Int(map, "publicationDays", f) ?? d.PublicationDays,
                PublishesCasePapers = Bool(map, "publishesCasePapers", f) ?? d.PublishesCasePapers,
                OpenMeetings = Bool(map, "openMeetings", f) ?? d.OpenMeetings,
                AttachesFullMinutes = Bool(map, "attachesFullMinutes", f) ?? d.AttachesFullMinutes,
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

            Known(map, field, "id", "name", "email", "organisation", "party", "role", "deputyFor", "deputyOrder", "from", "to", "represents");
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
                Represents = EnumValue<Representing>(map, "represents", field),
            };
        }
    }
}
