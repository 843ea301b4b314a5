using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Helsefellesskap.Functions.Community;

public static partial class CommunityDefinitionReader
{
    /// <summary>The primitives of the walk: each reads one kind of YAML value, reports its own problem (line and field) and returns null.</summary>
    private sealed partial class Walker
    {
        private (TimeOnly? Start, TimeOnly? End) Times(YamlMappingNode map, string field)
        {
            TimeOnly? Time(string key)
            {
                if (OptionalText(map, key, field) is not { } text)
                {
                    Problem(map, $"{field}.{key}", "Skriv klokkeslettet som «tt:mm», for eksempel «10:00».");
                    return null;
                }

                if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                {
                    return t;
                }

                Problem(Child(map, key, field, false)!, $"{field}.{key}", $"«{text}» er ikke et klokkeslett; skriv «tt:mm», for eksempel «10:00».");
                return null;
            }

            var (start, end) = (Time("start"), Time("end"));
            if (start is not null && end is not null && end <= start)
            {
                Problem(map, $"{field}.end", "Møtet må slutte etter at det begynner.");
            }

            return (start, end);
        }

        private YamlNode? Child(YamlMappingNode map, string key, string field, bool required)
        {
            if (map.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return child;
            }

            if (required)
            {
                Problem(map, Join(field, key), "Feltet mangler.");
            }

            return null;
        }

        private void Known(YamlMappingNode map, string field, params string[] keys)
        {
            foreach (var key in map.Children.Keys)
            {
                if (key is not YamlScalarNode { Value: { } k } || !keys.Contains(k, StringComparer.Ordinal))
                {
                    Problem(key, Join(field, (key as YamlScalarNode)?.Value ?? "?"), $"Ukjent felt. Kjente felt her: {string.Join(", ", keys)}.");
                }
            }
        }

        private YamlMappingNode? Map(YamlNode? node, string field)
        {
            if (node is null or YamlMappingNode)
            {
                return node as YamlMappingNode;
            }

            Problem(node, field, "Her skal det stå felt med verdier (navn: verdi).");
            return null;
        }

        private List<YamlNode> Sequence(YamlNode? node, string field)
        {
            if (node is YamlSequenceNode sequence)
            {
                return sequence.Children.ToList();
            }

            if (node is not null)
            {
                Problem(node, field, "Her skal det stå en liste.");
            }

            return [];
        }

        private string? Scalar(YamlNode node, string field)
        {
            if (node is YamlScalarNode { Value: { } value })
            {
                return value;
            }

            Problem(node, field, "Her skal det stå én verdi.");
            return null;
        }

        private string? OptionalText(YamlMappingNode map, string key, string field) =>
            Child(map, key, field, false) is { } node ? Scalar(node, Join(field, key)) is { Length: > 0 } s ? s.Trim() : null : null;

        private string? Text(YamlMappingNode map, string key, string field, string missing)
        {
            var text = OptionalText(map, key, field);
            if (text is null)
            {
                Problem(Child(map, key, field, false) ?? map, Join(field, key), missing);
            }

            return text;
        }

        private int? IntOf(YamlNode node, string field)
        {
            if (Scalar(node, field) is not { } s)
            {
                return null;
            }

            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Problem(node, field, $"«{s}» er ikke et heltall.");
            return null;
        }

        private int? Int(YamlMappingNode map, string key, string field) => Child(map, key, field, false) is { } node ? IntOf(node, Join(field, key)) : null;

        private bool? Bool(YamlMappingNode map, string key, string field)
        {
            if (Child(map, key, field, false) is not { } node || Scalar(node, Join(field, key)) is not { } s)
            {
                return null;
            }

            if (s is "true" or "false")
            {
                return s == "true";
            }

            Problem(node, Join(field, key), $"Skriv «true» eller «false», ikke «{s}».");
            return null;
        }

        private DateOnly? Date(YamlMappingNode map, string key, string field)
        {
            if (Child(map, key, field, false) is not { } node || Scalar(node, Join(field, key)) is not { } s)
            {
                return null;
            }

            if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Problem(node, Join(field, key), $"«{s}» er ikke en dato; skriv åååå-mm-dd.");
            return null;
        }

        private T? EnumValue<T>(YamlMappingNode map, string key, string field) where T : struct, Enum
        {
            if (Child(map, key, field, false) is not { } node || Scalar(node, Join(field, key)) is not { } s)
            {
                return null;
            }

            if (Common.EnumText.TryParse<T>(s, out var value))
            {
                return value;
            }

            Problem(node, Join(field, key), Common.EnumText.Invalid<T>(s));
            return null;
        }

        private static string Join(string field, string key) => field.Length == 0 ? key : $"{field}.{key}";
    }
}
