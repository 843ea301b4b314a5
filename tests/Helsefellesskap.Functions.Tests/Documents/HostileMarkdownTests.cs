using Helsefellesskap.Functions.Documents;

namespace Helsefellesskap.Functions.Tests.Documents;

/// <summary>
/// Whatever a submitter writes, the case paper renders: Markdown nested deeper than the parser allows,
/// or absurdly long, degrades to its text instead of stopping the packet and the summons.
/// </summary>
public sealed class HostileMarkdownTests
{
    private static readonly MarkdownToHtml Markdown = new();

    /// <summary>Each within what intake accepts for a long text field (15,000 characters).</summary>
    public static TheoryData<string, string> Hostile() => new()
    {
        { "block quotes", new string('>', 14_000) + " sitat" },
        { "lists", string.Concat(Enumerable.Range(0, 115).Select(i => new string(' ', i * 2) + "- punkt\n")) },
        { "brackets", new string('[', 7_000) + "lenke" + new string(']', 7_000) },
        { "emphasis", new string('*', 7_000) + "fet" + new string('*', 7_000) },
        { "backticks", new string('`', 15_000) },
        { "inline html", string.Concat(Enumerable.Repeat("<a>", 5_000)) },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void EmbeddedMarkdown_AlwaysRenders(string what, string markdown)
    {
        var fragment = MarkdownFragment.Embed(markdown);
        var html = Markdown.Render($"# Sak\n\n{fragment}\n\n## Forslag til vedtak\n\nVedtak.");
        Assert.Contains("Forslag til vedtak", html);
        Assert.True(html.Length > 0, what);
        Assert.True(html.Length < 2_000_000, $"{what}: {html.Length} characters of HTML");
    }
}
