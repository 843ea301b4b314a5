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
    }
}
