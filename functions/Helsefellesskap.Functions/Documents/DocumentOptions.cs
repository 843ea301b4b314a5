using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Documents;

public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>The folder with the Liquid templates and print.css. Empty: the first "templates" folder found from the app upwards.</summary>
    public string TemplatesPath { get; set; } = "";

    /// <summary>Debian's Chromium; never a downloaded browser.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Pages kept open for rendering; two beat one on two cores, more do not.</summary>
    public int Pages { get; set; } = 2;

    /// <summary>
    /// Where PDFs are printed when this app has no Chromium (a Flex Consumption worker): the base URL of
    /// the same app running as a renderer container (infra/Dockerfile). Empty: print here.
    /// </summary>
    public string RendererUrl { get; set; } = "";

    /// <summary>Launch Chromium in the background as soon as the app listens, so the first PDF does not wait for it.</summary>
    public bool WarmUpAtStart { get; set; } = true;

    /// <summary>The key between app and renderer (x-functions-key on /api/internal/render). On the renderer it enables the endpoint.</summary>
    public string RendererKey { get; set; } = "";

    public static IEnumerable<string> Problems(DocumentOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.TemplatesPath) && !Directory.Exists(o.TemplatesPath))
        {
            yield return $"Setting {Settings.Name(Section, nameof(TemplatesPath))} names a folder that does not exist: '{o.TemplatesPath}'.";
        }

        if (!string.IsNullOrWhiteSpace(o.RendererUrl) && (!Uri.TryCreate(o.RendererUrl, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
        {
            yield return $"Setting {Settings.Name(Section, nameof(RendererUrl))} must be an absolute http(s) URL (got '{o.RendererUrl}').";
        }

        if (!string.IsNullOrWhiteSpace(o.RendererUrl) && o.RendererKey.Length < 16)
        {
            yield return $"Setting {Settings.Name(Section, nameof(RendererKey))} must be at least 16 characters when {Section}__{nameof(RendererUrl)} is set.";
        }

        if (o.Pages is < 1 or > 8)
        {
            yield return $"Setting {Settings.Name(Section, nameof(Pages))} must be between 1 and 8.";
        }
    }

    /// <summary>The templates folder: the setting, or the nearest "templates" folder above the app or the working directory.</summary>
    public string ResolveTemplatesPath()
    {
        if (!string.IsNullOrWhiteSpace(TemplatesPath))
        {
            return TemplatesPath;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "templates");
                if (File.Exists(Path.Combine(candidate, "layout.html.liquid")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException($"No templates folder with layout.html.liquid was found above {AppContext.BaseDirectory}; set {Section}__{nameof(TemplatesPath)}.");
    }
}
