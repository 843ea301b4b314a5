using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Helsefellesskap.Functions.Meetings;

/// <summary>
/// A meeting's id, the one place its format lives: "{body}-{yyyy-MM-dd}" ("ssu-2027-02-11"), with
/// "-ekstra" after the date for an extraordinary meeting. It is set when the meeting is planned and
/// stays the same if the meeting is moved. Stored, in URLs and in JSON as that string.
/// </summary>
[JsonConverter(typeof(MeetingIdJson))]
public readonly partial record struct MeetingId
{
    private MeetingId(string value, string body)
    {
        Value = value;
        Body = body;
    }

    public string Value { get; }

    /// <summary>The code of the body the meeting belongs to ("ssu").</summary>
    public string Body { get; }

    public static MeetingId For(string body, DateOnly date, MeetingKind kind) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{body}-{date:yyyy-MM-dd}") + (kind == MeetingKind.Extraordinary ? "-ekstra" : ""), body);

    /// <summary>Reads an id; false for anything not in the format (so a hostile id never reaches storage).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MeetingId id)
    {
        var match = text is null ? null : Format().Match(text);
        id = match is { Success: true } ? new MeetingId(text!, match.Groups["body"].Value) : default;
        return match is { Success: true };
    }

    /// <summary>For an id the app wrote itself (a stored row); throws on anything else.</summary>
    public static MeetingId Parse(string text) => TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a meeting id.");

    public override string ToString() => Value;

    [GeneratedRegex(@"^(?<body>[a-z0-9]{1,32})-\d{4}-\d{2}-\d{2}(-ekstra)?$")]
    private static partial Regex Format();
}

public sealed class MeetingIdJson : JsonConverter<MeetingId>
{
    public override MeetingId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        MeetingId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Not a meeting id.");

    public override void Write(Utf8JsonWriter writer, MeetingId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
