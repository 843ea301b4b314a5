namespace Helsefellesskap.Functions.Common;

public sealed class CommunityOptions
{
    public const string Section = "Community";

    /// <summary>"Helsefellesskap Helgeland".</summary>
    public string Name { get; set; } = "";

    /// <summary>Prefix of case references: "HFH" gives "HFH-2026-0042".</summary>
    public string ReferencePrefix { get; set; } = "";

    /// <summary>The partners' web editors, told when minutes are published (comma-separated addresses).</summary>
    public string PartnerWebContacts { get; set; } = "";

    public IReadOnlyList<string> WebContacts => PartnerWebContacts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The community definition (YAML) loaded at start: "communities/helgeland.yaml". Empty: the app starts
    /// with what storage holds, and bodies and people are set up through the API.
    /// </summary>
    public string Definition { get; set; } = "";

    /// <summary>
    /// Which bodies of the definition to load, comma-separated ("ssu,pm"); empty: all. A community can
    /// start with its strategic committee and add the other bodies later.
    /// </summary>
    public string DefinitionBodies { get; set; } = "";

    public IReadOnlySet<string> BodiesToLoad => DefinitionBodies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    public static IEnumerable<string> Problems(CommunityOptions o)
    {
        foreach (var p in Settings.Required(Section, nameof(Name), o.Name))
        {
            yield return p;
        }

        if (o.ReferencePrefix.Length is < 2 or > 8 || !o.ReferencePrefix.All(char.IsAsciiLetterUpper))
        {
            yield return $"Setting {Settings.Name(Section, nameof(ReferencePrefix))} must be 2–8 capital letters A–Z (got '{o.ReferencePrefix}').";
        }
    }
}
