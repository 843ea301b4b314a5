using Fluid;
using Helsefellesskap.Functions.Documents;

namespace Helsefellesskap.Functions.Tests.Documents;

/// <summary>
/// Text that reaches a document or an email another way than a checked field (the secretariat's decision text, a
/// reason, a record stored before the check) shows without bidi controls and zero-width characters (issue 27).
/// </summary>
public sealed class InvisibleCharactersInOutputTests
{
    private sealed record Item(string Decision, IReadOnlyList<string> Lines);

    [Fact]
    public void EveryTextATemplateShows_IsWithoutInvisibleCharacters()
    {
        Assert.True(Liquid.Parser.TryParse("{{ item.decision }}|{% for l in item.lines %}{{ l }};{% endfor %}|{{ item.decision | upcase }}", out var template, out var error), error);
        var item = new Item("Vedtatt \u202Eevitisop\u202C med \u200Bendringer", ["Rana\u2066 kommune\u2069", "\uFEFFVefsn"]);

        var shown = template.Render(new TemplateContext(new { item }, Liquid.Options()));

        Assert.Equal("Vedtatt evitisop med endringer|Rana kommune;Vefsn;|VEDTATT EVITISOP MED ENDRINGER", shown);
    }
}
