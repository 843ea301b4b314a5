using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Minutes;

public enum ItemResult
{
    Adopted,
    AdoptedWithChanges,
    TakenAsInformation,
    Postponed,
    Returned,

    /// <summary>Discussed without a decision (the dialogue meeting); the text minuted is the discussion.</summary>
    Discussed,

    /// <summary>The proposal was voted down ("Ikke vedtatt"): the case ends there, the votes minuted.</summary>
    NotAdopted,
}

/// <summary>
/// How one agenda item was treated: its decision text (for a case returned or postponed: what happened),
/// result and (when not unanimous) the votes; a proposal changed at the meeting ("Forslag til nytt
/// vedtak"), the discussion as minuted, and additional information a party gave ("Tilleggsinformasjon").
/// </summary>
public sealed record ItemOutcome(string CaseId, ItemResult Result, string Decision, IReadOnlyList<CastVote> Votes, bool Consensus, string? DecisionCaseId = null,
    string? AmendedProposal = null, string? Discussion = null, string? AdditionalInformation = null, UnannouncedTreatment? Unannounced = null,
    IReadOnlyList<string>? Disqualified = null);

/// <summary>
/// What happened at a meeting: who was there (deputies standing in for whom), quorum, each case, and what
/// was said under the standing items "Orientering fra sekretariatet" and "Eventuelt".
/// </summary>
/// <param name="ApprovalRemark">A remark the meeting made when approving the summons and agenda (item 1), or null.</param>
public sealed record MeetingOutcome(IReadOnlyList<string> Present, IReadOnlyDictionary<string, string> StandIns, bool Quorum, IReadOnlyList<ItemOutcome> Items, string? AnyOtherBusiness,
    string? SecretariatReport = null, string? ApprovalRemark = null);

/// <summary>A file added to the minutes after the meeting (a presentation), for one case or for the meeting ("Orientering fra sekretariatet").</summary>
public sealed record MinutesFile(int Index, string? CaseId, string FileName, string ContentType, long Size, string Sha256, string BlobName);

public sealed record ChangeRequest(string MemberId, string Text, DateTimeOffset At);

/// <summary>
/// A correction ("Rettelse") of approved minutes: the version it made (the approved minutes are version 1), when, by whom,
/// why, and the outcome as it stood before it, kept for the record.
/// </summary>
public sealed record MinutesCorrection(int Version, DateTimeOffset At, string By, string Reason, MeetingOutcome Before);

/// <summary>The minutes of one meeting, from outcome to publication.</summary>
public sealed record MinutesState(
    string MeetingId,
    MeetingOutcome? Outcome,
    int DraftVersion,
    DateTimeOffset? DraftSentAt,
    DateOnly? ApprovalDeadline,
    IReadOnlyList<ChangeRequest> ChangeRequests,
    DateTimeOffset? ApprovedAt,
    string? ApprovedBy,
    DateTimeOffset? PublishedAt,
    string? PublishedUrl,
    IReadOnlyList<MinutesFile>? Files = null,
    IReadOnlyList<MinutesCorrection>? Corrections = null)
{
    /// <summary>Who approved, as stored: the secretariat, or nobody objecting in time.</summary>
    public const string BySecretariat = "sekretariatet";

    public const string BySilence = "stilltiende godkjenning (ingen merknader innen fristen)";

    public static MinutesState Empty(MeetingId meetingId) => new(meetingId.Value, null, 0, null, null, [], null, null, null, null);

    public IReadOnlyList<MinutesFile> AddedFiles => Files ?? [];

    /// <summary>The corrections made after approval, oldest first (none for most minutes).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<MinutesCorrection> AllCorrections => Corrections ?? [];

    /// <summary>Change requests made on the current draft and not yet answered by a new draft or an approval.</summary>
    public IReadOnlyList<ChangeRequest> OpenRequests => ApprovedAt is null ? ChangeRequests.Where(r => DraftSentAt is null || r.At >= DraftSentAt).ToList() : [];
}

public sealed class MinutesStore(StorageClients storage)
{
    public async Task<MinutesState> Get(MeetingId meetingId, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Minutes);
        var found = await table.GetEntityIfExistsAsync<TableEntity>("minutes", meetingId.Value, cancellationToken: ct);
        return found.HasValue ? Json.Read<MinutesState>(found.Value!.GetString("State")) : MinutesState.Empty(meetingId);
    }

    public async Task Save(MinutesState state, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Minutes);
        await table.UpsertEntityAsync(new TableEntity("minutes", state.MeetingId) { ["State"] = Json.Write(state) }, TableUpdateMode.Replace, ct);
    }

    /// <summary>
    /// Claims the decision case a discussion case spawns at this meeting: the first claim wins, and every
    /// other (two outcome recordings at once) gets the winner's id, so only one decision case is made.
    /// </summary>
    public async Task<string> ClaimDecisionCase(MeetingId meetingId, string discussionCaseId, string proposedId, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Minutes);
        var row = $"{meetingId}.{discussionCaseId}";
        try
        {
            await table.AddEntityAsync(new TableEntity("spawned", row) { ["CaseId"] = proposedId }, ct);
            return proposedId;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return (await table.GetEntityAsync<TableEntity>("spawned", row, cancellationToken: ct)).Value.GetString("CaseId");
        }
    }

    /// <summary>Changes the state under its ETag, trying again if someone else changed it meanwhile.</summary>
    public async Task<MinutesState> Change(MeetingId meetingId, Func<MinutesState, MinutesState> change, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Minutes);
        return await OptimisticUpdate.Run(table, "minutes", meetingId.Value, row =>
        {
            var changed = change(row is null ? MinutesState.Empty(meetingId) : Json.Read<MinutesState>(row.GetString("State")));
            return new OptimisticUpdate.Change<MinutesState>(new TableEntity("minutes", meetingId.Value) { ["State"] = Json.Write(changed) }, changed);
        }, retries: 10, ct);
    }
}
