using System.Text.Json;

namespace Helsefellesskap.Functions.Hosting;

/// <summary>
/// Reads the "Values" of a local.settings.json, the file Azure Functions Core Tools uses, so the app
/// started on its own sees the same settings as under <c>func start</c>. Keys use "__" for nesting.
/// </summary>
public static class LocalSettings
{
    public const string FileName = "local.settings.json";

    /// <summary>Adds the file below environment variables and the command line, which override it.</summary>
    public static void AddLocalSettings(this IConfigurationManager configuration, string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var pairs = values.EnumerateObject()
            .Select(p => KeyValuePair.Create(p.Name.Replace("__", ":", StringComparison.Ordinal), p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()));
        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = pairs.ToList() };
        var sources = configuration.Sources;
        var environment = sources.ToList().FindLastIndex(s => s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        sources.Insert(environment < 0 ? sources.Count : environment, source);
    }
}
