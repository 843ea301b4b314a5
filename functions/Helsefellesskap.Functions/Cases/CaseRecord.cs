using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Cases;

public enum CaseKind
{
    Decision,
    Discussion,
    Information,
}

/// <summary>Where a case is in its life (docs/rules.md).</summary>
public enum CaseStatus
{
    Received,
    Accepted,
    OnAgenda,
    Redirected,
    Rejected,
    Withdrawn,
    Treated,
    Closed,
}

public sealed record Submitter(string Name, string Email, string Organisation);

/// <summary>
/// What of a case is exempt from public access (offentleglova), with its legal basis, e.g. "offl. § 13":
/// the named <see cref="Sections"/> and <see cref="Attachments"/> (by number), or, when none is named, the
/// whole case's papers. With <see cref="Title"/> its title too, which then never reaches a public output
/// or anyone not entitled to the papers.
/// </summary>
/// <param name="GrantedTo">Observers and speaking-right participants the secretariat has let read this case's exempt papers.</param>
public sealed record Exemption(string LegalBasis, string? Reason, bool Title = false, IReadOnlyList<string>? Sections = null, IReadOnlyList<int>? Attachments = null,
    IReadOnlyList<string>? GrantedTo = null)
{
    /// <summary>The sections that can be exempt, by their API names.</summary>
    public static readonly IReadOnlyList<string> SectionNames = ["summary", "background", "assessment", "proposedDecision"];

    /// <summary>What public outputs show in the exempt part's place: "Unntatt offentlighet, offl. § 13".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Notice => $"Unntatt offentlighet, {LegalBasis}";

    /// <summary>The whole case's papers are exempt (no section or attachment named).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool WholeCase => (Sections?.Count ?? 0) == 0 && (Attachments?.Count ?? 0) == 0;

    public bool Covers(string section) => WholeCase || Sections?.Contains(section) == true;

    public bool Covers(CaseAttachment attachment) => WholeCase || Attachments?.Contains(attachment.Index) == true;

    /// <summary>Whether someone not otherwise entitled (an observer, a speaking-right participant) has been granted this case's exempt papers.</summary>
    public bool IsGrantedTo(string? memberId) => memberId is not null && GrantedTo?.Contains(memberId) == true;
}

public sealed record CaseAttachment(int Index, string FileName, string ContentType, long Size, string Sha256, string BlobName);

/// <summary>
/// A case as the secretariat keeps it: what the submitter wrote (<see cref="Content"/>, one part, as it
/// passed the checks) and what happened to it since. <see cref="Id"/> is its reference, e.g.
/// "HFH-2026-0042". In the API's JSON the content's fields stand beside the others, as they always have
/// (<see cref="CaseRecordJson"/>).
/// </summary>
[JsonConverter(typeof(CaseRecordJson))]
public sealed record CaseRecord(
    string Id,
    CaseSubmission Content,
    IReadOnlyList<CaseAttachment> Attachments,
    CaseStatus Status,
    string? MeetingId,
    DateOnly? MeetingDate,
    DateTimeOffset ReceivedAt,
    string? StatusReason)
{
    public string Reference => Id;

    /// <summary>
    /// Why the secretariat took the case up as urgent after the case deadline ("Hastesak etter saksfristen"), or null.
    /// Kept for good: accepting the case, its outcome and the minutes never clear it.
    /// </summary>
    public string? Urgent { get; init; }

    /// <summary>The meeting the case is on (<see cref="MeetingId"/>, as the app stored it).</summary>
    [JsonIgnore]
    public MeetingId? Meeting => MeetingId is null ? null : Meetings.MeetingId.Parse(MeetingId);

    public string Body => Content.Body;

    public string Title => Content.Title;

    public CaseKind Kind => Content.Kind;

    public string From => Content.From;

    public Submitter Submitter => Content.Submitter;

    public IReadOnlyList<string> ProposedDecision => Content.ProposedDecision;

    public Exemption? Exemption => Content.Exemption;

    /// <summary>The title as the public and observers may read it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string PublicTitle => Exemption is { Title: true } e ? e.Notice : Title;

    /// <summary>Whether the whole case's papers are exempt (the public sees its number, public title and the basis, nothing else).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool WhollyExempt => Exemption is { WholeCase: true };

    /// <summary>
    /// The case as the public, observers and speaking-right participants may read it: every exempt
    /// section replaced by the notice, exempt attachments left out (the title as <see cref="PublicTitle"/>).
    /// </summary>
    public CaseRecord PublicVersion()
    {
        if (Exemption is not { } e)
        {
            return this;
        }

        string Part(string section, string text) => e.Covers(section) && text.Length > 0 ? $"{e.Notice}." : text;
        return this with
        {
            Content = Content with
            {
                Title = PublicTitle,
                Summary = e.WholeCase ? $"{e.Notice}. Sakspapirene går bare til utvalgets medlemmer og varamedlemmer." : Part("summary", Content.Summary),
                Background = e.WholeCase ? "" : Part("background", Content.Background),
                Assessment = e.WholeCase ? "" : Part("assessment", Content.Assessment),
                ProposedDecision = e.Covers("proposedDecision") ? (e.WholeCase ? [] : [$"{e.Notice}."]) : Content.ProposedDecision,
            },
            Attachments = Attachments.Where(a => !e.Covers(a)).ToList(),
        };
    }
}

/// <summary>
/// The case in the API's JSON, flat as it has always been: id, the content's fields, attachments,
/// status, meetingId, meetingDate, receivedAt, statusReason, reference.
/// </summary>
public sealed class CaseRecordJson : JsonConverter<CaseRecord>
{
    public override CaseRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader)?.AsObject() ?? throw new JsonException("A case must be an object.");
        T? Get<T>(string name) => node[Name(name, options)] is { } value ? value.Deserialize<T>(options) : default;
        return new CaseRecord(
            Get<string>(nameof(CaseRecord.Id)) ?? throw new JsonException("A case needs an id."),
            node.Deserialize<CaseSubmission>(options) ?? throw new JsonException("A case needs its content."),
            Get<List<CaseAttachment>>(nameof(CaseRecord.Attachments)) ?? [],
            Get<CaseStatus>(nameof(CaseRecord.Status)),
            Get<string>(nameof(CaseRecord.MeetingId)),
            Get<DateOnly?>(nameof(CaseRecord.MeetingDate)),
            Get<DateTimeOffset>(nameof(CaseRecord.ReceivedAt)),
            Get<string>(nameof(CaseRecord.StatusReason)))
        { Urgent = Get<string>(nameof(CaseRecord.Urgent)) };
    }

    public override void Write(Utf8JsonWriter writer, CaseRecord value, JsonSerializerOptions options)
    {
        var node = new JsonObject { [Name(nameof(CaseRecord.Id), options)] = value.Id };
        foreach (var (name, content) in JsonSerializer.SerializeToNode(value.Content, options)!.AsObject())
        {
            node[name] = content?.DeepClone();
        }

        node[Name(nameof(CaseRecord.Attachments), options)] = JsonSerializer.SerializeToNode(value.Attachments, options);
        node[Name(nameof(CaseRecord.Status), options)] = JsonSerializer.SerializeToNode(value.Status, options);
        node[Name(nameof(CaseRecord.MeetingId), options)] = value.MeetingId;
        node[Name(nameof(CaseRecord.MeetingDate), options)] = JsonSerializer.SerializeToNode(value.MeetingDate, options);
        node[Name(nameof(CaseRecord.ReceivedAt), options)] = JsonSerializer.SerializeToNode(value.ReceivedAt, options);
        node[Name(nameof(CaseRecord.StatusReason), options)] = value.StatusReason;
        node[Name(nameof(CaseRecord.Urgent), options)] = value.Urgent;
        node[Name(nameof(CaseRecord.Reference), options)] = value.Reference;
        node.WriteTo(writer, options);
    }

    private static string Name(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}

public static class CaseLabels
{
    public static string Kind(CaseKind kind) => kind switch
    {
        CaseKind.Decision => "Beslutningssak",
        CaseKind.Discussion => "Drøftingssak",
        CaseKind.Information => "Orienteringssak",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Status(CaseStatus status) => status switch
    {
        CaseStatus.Received => "Mottatt",
        CaseStatus.Accepted => "Akseptert for møte",
        CaseStatus.OnAgenda => "Satt på sakslisten",
        CaseStatus.Redirected => "Sendt videre",
        CaseStatus.Rejected => "Avvist",
        CaseStatus.Withdrawn => "Trukket",
        CaseStatus.Treated => "Behandlet",
        CaseStatus.Closed => "Avsluttet",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
