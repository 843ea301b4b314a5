using System.Security.Cryptography;
using System.Text;
using Azure;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Cases;

/// <summary>
/// Receives a case, from the API or the form: checks it, gives it a reference and a meeting, stores its
/// attachments and the case, and answers; the submitter's receipt and the secretariat's notice are recorded and sent
/// just after the answer (<see cref="AfterAnswer"/>; the case's row in the index of pending receipts, written in the
/// case's own transaction, has the ticker's sweep do it should this process stop first). Nothing is written until
/// every check has passed; if storing fails half-way, what was written is removed again.
/// </summary>
public sealed partial class CaseIntake(
    MeetingStore meetings,
    CaseStore cases,
    PendingReceipts receipts,
    CaseReferences references,
    IdempotencyKeys idempotency,
    StorageClients storage,
    EmailOutbox outbox,
    CaseReceipt receipt,
    CaseNotices notices,
    AfterAnswer afterAnswer,
    TimeProvider clock,
    IOptions<IntakeOptions> limits,
    IOptions<CommunityOptions> community,
    ILogger<CaseIntake> log)
{
    public abstract record Outcome
    {
        public sealed record Created(CaseRecord Case, Body Body, Meeting? Meeting, bool Replayed) : Outcome;

        /// <summary>400, 413 or 415, with the errors per field.</summary>
        public sealed record Invalid(ValidationErrors Errors, int StatusCode) : Outcome;

        public sealed record UnknownBody(string Code) : Outcome;

        public sealed record KeyInProgress : Outcome;

        public sealed record KeyReused : Outcome;
    }

    /// <param name="bySecretariat">The secretariat may put cases before a body that takes none from others (the dialogue meeting's topics), and may leave the summary and background empty.</param>
    public async Task<Outcome> Submit(CaseSubmissionInput input, string? idempotencyKey, CancellationToken ct, bool bySecretariat = false)
    {
        var now = clock.GetUtcNow();
        var checkedInput = await Check(input, idempotencyKey, bySecretariat, now, ct);
        if (checkedInput.Refused is { } refused)
        {
            return refused;
        }

        var (submission, body, files) = (checkedInput.Submission!, checkedInput.Body!, checkedInput.Files);
        string? id = null;
        if (idempotencyKey is not null)
        {
            var claim = await Claim(idempotencyKey, submission, body, files, ct);
            if (claim.Answer is { } answer)
            {
                return answer;
            }

            id = claim.ReservedId;
        }

        id ??= await references.Next(community.Value.ReferencePrefix, Oslo.DateOf(now).Year, ct);
        if (idempotencyKey is not null)
        {
            await idempotency.Assign(idempotencyKey, id, ct);
        }

        return await StoreUnderKey(id, idempotencyKey, submission, body, files, now, ct);
    }

    /// <summary>A submission as checked: refused (invalid, or to an unknown body), or the case, its body and its files.</summary>
    private sealed record Checked(Outcome? Refused, CaseSubmission? Submission, Body? Body, IReadOnlyList<CheckedFile> Files);

    /// <summary>The fields, the attachments and the idempotency key, and the body the case is for.</summary>
    private async Task<Checked> Check(CaseSubmissionInput input, string? idempotencyKey, bool bySecretariat, DateTimeOffset now, CancellationToken ct)
    {
        var (submission, errors) = CaseSubmissionRules.Validate(input, Oslo.DateOf(now), sectionsOptional: bySecretariat);
        var (files, fileProblem) = AttachmentCheck.Inspect(input.Attachments, limits.Value, errors);
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > IdempotencyKeys.MaxKeyLength || idempotencyKey.Any(c => c is < '!' or > '~')))
        {
            errors.Add("Idempotency-Key", $"Idempotency-Key må være 1–{IdempotencyKeys.MaxKeyLength} synlige ASCII-tegn.");
        }

        var body = submission is null ? null : await meetings.FindBody(submission.Body, ct);
        if (submission is not null && body is null)
        {
            return new Checked(new Outcome.UnknownBody(submission.Body), null, null, []);
        }

        if (body is { TakesCases: false } && !bySecretariat)
        {
            errors.Add(CaseSubmissionInput.Fields.Body, $"{body.Name} tar ikke imot saker. Velg et annet utvalg, eller kontakt sekretariatet.");
        }

        if (errors.Any || submission is null || body is null)
        {
            var status = fileProblem switch
            {
                AttachmentProblem.TooLarge => StatusCodes.Status413PayloadTooLarge,
                AttachmentProblem.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
                _ => StatusCodes.Status400BadRequest,
            };
            return new Checked(new Outcome.Invalid(errors, status), null, null, []);
        }

        return new Checked(null, submission, body, files);
    }

    /// <summary>The case stored under an earlier request with the same key, with its receipt made sure of; null if there is none.</summary>
    private async Task<Outcome.Created?> Replay(string caseId, Body body, CancellationToken ct)
    {
        if (await cases.Find(caseId, ct) is not { } existing)
        {
            return null;
        }

        var created = new Outcome.Created(existing, body, existing.MeetingId is null ? null : await meetings.FindMeeting(existing.MeetingId, ct), Replayed: true);
        SendReceiptAfterAnswer(created); // recorded once whatever happened before (the outbox id is the case's)
        return created;
    }

    private async Task<Outcome.Created> Store(string id, CaseSubmission s, Body body, IReadOnlyList<CheckedFile> files, DateTimeOffset now, CancellationToken ct)
    {
        var plan = await meetings.Plan(body.Code, ct);
        var meeting = CaseDeadline.MeetingFor(plan, body.Rules, now, s.PreferredMeetingDate);

        var container = await storage.Container(StorageNames.AttachmentsContainer);
        var stored = new List<CaseAttachment>();
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                var file = files[i];
                var blobName = $"{id}/{i + 1:00}{file.Type.Extension}";
                await using var content = file.Open();
                content.Position = 0;
                if (!await container.GetBlobClient(blobName).CreateIfAbsent(content, file.Type.ContentType, new Dictionary<string, string> { ["sha256"] = file.Sha256, ["case"] = id }, ct))
                {
                    throw new InvalidOperationException($"Attachment blob {blobName} exists already; case references must be unique.");
                }

                stored.Add(new CaseAttachment(i + 1, file.FileName, file.Type.ContentType, file.Length, file.Sha256, blobName));
            }

            var record = new CaseRecord(id, s with { Body = body.Code }, stored, CaseStatus.Received, meeting?.Id.Value, meeting?.Date, now, null);
            await cases.Add(record, ct);
            log.LogInformation("Case {CaseId} received for {Body}, meeting {MeetingId}, {Attachments} attachments", id, body.Code, meeting?.Id, stored.Count);
            return new Outcome.Created(record, body, meeting, Replayed: false);
        }
        catch
        {
            foreach (var attachment in stored)
            {
                await container.GetBlobClient(attachment.BlobName).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            }

            throw;
        }
    }

    internal static string RequestHash(CaseSubmission submission, IReadOnlyList<CheckedFile> files)
    {
        var text = new StringBuilder(Json.Write(submission));
        foreach (var f in files)
        {
            text.Append('\n').Append(f.FileName).Append('\t').Append(f.Sha256);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
