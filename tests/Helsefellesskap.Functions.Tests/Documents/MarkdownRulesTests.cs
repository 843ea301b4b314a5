using Helsefellesskap.Functions.Documents;

namespace Helsefellesskap.Functions.Tests.Documents;

public sealed class MarkdownRulesTests
{
    private static readonly MarkdownToHtml Markdown = new();

    [Theory]
    [InlineData("<script>alert('x')</script>", "&lt;script&gt;")]
    [InlineData("<img src=file:///etc/passwd>", "&lt;img")]
    public void RawHtml_IsPrintedAsText(string markdown, string expected)
    {
        var html = Markdown.Render(markdown);
        Assert.Contains(expected, html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
    }

    [Theory]
    [InlineData("[klikk](javascript:alert(1))")]
    [InlineData("[fil](file:///etc/passwd)")]
    [InlineData("[lokal](http://127.0.0.1:9/spor)")]
    [InlineData("<javascript:alert(1)>")]
    public void LinksOtherThanHttpsAndMailto_BecomeText(string markdown)
    {
        var html = Markdown.Render(markdown);
        Assert.DoesNotContain("<a", html);
    }

    [Theory]
    [InlineData("[regjeringen](https://www.regjeringen.no)", "href=\"https://www.regjeringen.no\"")]
    [InlineData("[skriv](mailto:post@example.org)", "href=\"mailto:post@example.org\"")]
    public void HttpsAndMailtoLinks_AreKept(string markdown, string expected) =>
        Assert.Contains(expected, Markdown.Render(markdown));

    [Fact]
    public void Images_BecomeTheirDescription()
    {
        var html = Markdown.Render("![kart over Helgeland](http://127.0.0.1:9/kart.png)");
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("127.0.0.1", html);
        Assert.Contains("[bilde: kart over Helgeland]", html);
    }

    [Fact]
    public void EmbeddedMarkdown_HasItsHeadingsDemotedBelowTheDocuments() =>
        Assert.Equal("\n\n### Erfaringer\n#### Detaljer\n\n", MarkdownFragment.Embed("# Erfaringer\n## Detaljer"));

    [Fact]
    public void EmbeddedMarkdown_WithAnOpenCodeBlock_IsClosed()
    {
        var text = MarkdownFragment.Embed("```\nkode uten slutt");
        var html = Markdown.Render(text + "## Neste avsnitt");
        Assert.Contains("<h2", html);
    }

    [Theory]
    [InlineData("Sak *viktig* #1", @"Sak \*viktig\* \#1")]
    [InlineData("[lenke](javascript:x)", @"\[lenke\]\(javascript\:x\)")]
    [InlineData("Linje én\nlinje to", "Linje én linje to")]
    [InlineData("Ærlig, øyeblikkelig, på", "Ærlig, øyeblikkelig, på")]
    public void PlainValues_AreEscapedForMarkdown(string value, string expected) =>
        Assert.Equal(expected, MarkdownTextEncoder.Instance.Encode(value));
}
