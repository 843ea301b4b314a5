using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>Case submissions as a client sends them.</summary>
public static class Submissions
{
    /// <summary>A complete, valid case as JSON, with a title unique to the test.</summary>
    public static JsonObject Valid(string? title = null) => new()
    {
        ["body"] = "ssu",
        ["title"] = title ?? $"Felles rutine for utskrivning av skrøpelige eldre {Guid.NewGuid():N}",
        ["kind"] = "decision",
        ["from"] = "Rana kommune",
        ["submitter"] = new JsonObject { ["name"] = "Åse Ødegård", ["email"] = "ase.odegard@example.org", ["organisation"] = "Rana kommune" },
        ["summary"] = "Rutinen skal sikre trygg utskrivning fra sykehus til kommune.",
        ["background"] = "## Bakgrunn\nDagens praksis varierer mellom kommunene. Særlig **helg** er utfordrende.",
        ["assessment"] = "Sekretariatet anbefaler en felles rutine.",
        ["proposedDecision"] = new JsonArray("SSU slutter seg til rutinen.", "Rutinen evalueres etter ett år."),
    };

    public static JsonContent AsJson(JsonObject submission) => JsonContent.Create(submission);

    /// <summary>Submits a valid case with this title as JSON; asserts 201 and gives the case's id.</summary>
    public static async Task<string> Submit(HttpClient http, string title)
    {
        using var answer = await http.PostAsync("/api/cases", AsJson(Valid(title)));
        Assert.Equal(System.Net.HttpStatusCode.Created, answer.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The same fields as multipart/form-data, with files under "attachments".</summary>
    public static MultipartFormDataContent AsMultipart(JsonObject submission, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in submission)
        {
            switch (value)
            {
                case JsonObject nested:
                    foreach (var (inner, innerValue) in nested)
                    {
                        // As the form sends them: a list as repeated fields, a ticked checkbox as "yes".
                        var values = innerValue switch
                        {
                            JsonArray list => list.Select(i => i!.ToString()).ToArray(),
                            JsonValue flag when flag.GetValueKind() == System.Text.Json.JsonValueKind.True => ["yes"],
                            JsonValue flag when flag.GetValueKind() == System.Text.Json.JsonValueKind.False => [],
                            _ => [innerValue?.GetValue<string>() ?? ""],
                        };
                        foreach (var v in values)
                        {
                            form.Add(new StringContent(v), $"{key}.{inner}");
                        }
                    }

                    if (key == "exemption")
                    {
                        form.Add(new StringContent("yes"), "exemption");
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        form.Add(new StringContent(item!.GetValue<string>()), key);
                    }

                    break;
                case null:
                    break;
                default:
                    form.Add(new StringContent(value.GetValue<string>()), key);
                    break;
            }
        }

        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "attachments", name);
        }

        return form;
    }
}
