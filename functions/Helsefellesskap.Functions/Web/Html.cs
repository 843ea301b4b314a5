using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Helsefellesskap.Functions.Web;

/// <summary>HTML encoding that leaves æøå as they are, and the page frame every page shares.</summary>
public static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => text is null ? "" : Encoder.Encode(text);

    public static IResult Page(string title, string main, int statusCode = StatusCodes.Status200OK, string? communityName = null) =>
        TypedResults.Content(Layout(title, main, communityName), "text/html; charset=utf-8", statusCode: statusCode);

    public static string Layout(string title, string main, string? communityName) => $$"""
        <!DOCTYPE html>
        <html lang="nb">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}}</title>
        <style>{{Styles}}</style>
        </head>
        <body>
        <a class="skip" href="#main">Hopp til innholdet</a>
        <header class="site"><p class="site-name">{{E(communityName ?? "Helsefellesskap")}}</p></header>
        <main id="main" tabindex="-1">
        {{main}}
        </main>
        <footer class="site"><p>Samhandlingssekretariatet. Spørsmål om en sak? Svar på kvitteringen du fikk på e-post.</p></footer>
        </body>
        </html>
        """;

    /// <summary>Colours meet WCAG 2.1 AA contrast on white (text 16:1, links 8:1, errors 6.6:1); focus is always visible.</summary>
    private const string Styles = """
        :root { --text:#1b1b1b; --muted:#4a4a4a; --link:#00527a; --error:#b3261e; --focus:#ffbf47; --line:#6f6f6f; }
        * { box-sizing: border-box; }
        body { margin:0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 1.0625rem; line-height: 1.5; color: var(--text); background:#fff; }
        main, header.site, footer.site { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
        header.site { border-bottom: 4px solid var(--link); padding-top: .75rem; }
        .site-name { font-weight: bold; margin: 0 0 .5rem; }
        footer.site { border-top: 1px solid var(--line); margin-top: 3rem; color: var(--muted); font-size: .95rem; }
        h1 { font-size: 2rem; line-height: 1.2; margin: 1.5rem 0 1rem; }
        h2 { font-size: 1.4rem; margin: 2rem 0 .75rem; }
        a { color: var(--link); }
        a:focus, input:focus, textarea:focus, select:focus, button:focus { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 5px var(--text); }
        .skip { position:absolute; left:-999rem; }
        .skip:focus { left: 1rem; top: .5rem; background: var(--focus); color: var(--text); padding: .5rem; }
        .field { margin: 0 0 1.5rem; }
        label, legend { display:block; font-weight: bold; margin-bottom: .25rem; }
        fieldset { border: 0; padding: 0; margin: 0 0 1.5rem; }
        legend { font-size: 1.2rem; }
        .hint { color: var(--muted); margin: 0 0 .35rem; font-size: .95rem; }
        input[type=text], input[type=email], input[type=date], textarea, select { width: 100%; font: inherit; padding: .45rem; border: 2px solid var(--text); border-radius: 0; background:#fff; color: var(--text); }
        textarea { min-height: 7rem; }
        .choice { display:flex; gap:.6rem; align-items:flex-start; margin:.4rem 0; }
        .choice input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; }
        .choice label { font-weight: normal; margin: 0; }
        .field-error { color: var(--error); font-weight: bold; margin: 0 0 .35rem; }
        .has-error { border-left: 5px solid var(--error); padding-left: .9rem; }
        .has-error input, .has-error textarea, .has-error select { border-color: var(--error); }
        .error-summary { border: 5px solid var(--error); padding: 1rem 1.25rem; margin: 1rem 0 2rem; }
        .error-summary h2 { margin-top: 0; }
        .error-summary a { color: var(--error); font-weight: bold; }
        .panel { background:#eef4f7; border-left: 6px solid var(--link); padding: 1rem 1.25rem; margin: 1rem 0 1.5rem; }
        .receipt { background:#0b6b3a; color:#fff; padding: 1.5rem; margin: 1rem 0 1.5rem; }
        .receipt h1 { margin-top: 0; }
        .receipt .reference { font-size: 1.6rem; font-weight: bold; }
        button { font: inherit; font-weight: bold; background: #0b6b3a; color: #fff; border: 0; padding: .7rem 1.2rem; cursor: pointer; box-shadow: 0 3px 0 #002d18; }
        table.facts { border-collapse: collapse; width: 100%; }
        table.facts th, table.facts td { text-align: left; vertical-align: top; padding: .5rem .5rem .5rem 0; border-bottom: 1px solid var(--line); }
        table.facts th { width: 35%; }
        .visually-hidden { position:absolute !important; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
        """;
}
