using Helsefellesskap.Functions.Community;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>The community presets in communities/, read as the app reads them.</summary>
public static class Presets
{
    private static readonly Lazy<CommunityDefinition> HelgelandDefinition = new(() => CommunityDefinitionReader.Read(Path("helgeland")));

    public static string Path(string name) => System.IO.Path.Combine(RepoPaths.Root, "communities", $"{name}.yaml");

    public static CommunityDefinition Helgeland => HelgelandDefinition.Value;

    /// <summary>Helgeland's SSU: 7 + 7 members, 7 personal municipal deputies, 3 on the hospital's list, 2 with speaking right, 2 observers.</summary>
    public static IReadOnlyList<Member> SsuMembers => Helgeland.Body("ssu").Members;
}
