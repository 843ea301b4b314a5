using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>
/// Files added to the minutes after the meeting (presentations), for a case on the agenda or for the
/// secretariat's report: checked like a case's attachments, stored once by content, listed in the minutes
/// and published with them unless their case is exempt. Not after the minutes are published.
/// </summary>
public sealed class MinutesFiles(MinutesStore store, AgendaService agendas, StorageClients storage, IOptions<IntakeOptions> limits)
{
    public abstract record Result
    {
        public sealed record Added(IReadOnlyList<MinutesFile> Files) : Result;

        public sealed record NoMeeting : Result;

        /// <summary>The minutes are approved: no file is added to the record after that.</summary>
        public sealed record Approved(string Message) : Result;

        public sealed record Invalid(ValidationErrors Errors, int StatusCode) : Result;
    }

    public async Task<Result> Add(MeetingId meetingId, string? caseId, IReadOnlyList<IncomingFile> incoming, CancellationToken ct)
    {
        var agenda = await agendas.Agenda(meetingId, ct);
        if (agenda is null)
        {
            return new Result.NoMeeting();
        }

        if (await store.Get(meetingId, ct) is { ApprovedAt: { } approvedAt } approved)
        {
            return new Result.Approved(ApprovedRecord.Message(approvedAt, approved.ApprovedBy));
        }

        var errors = new ValidationErrors();
        caseId = string.IsNullOrWhiteSpace(caseId) ? null : caseId.Trim();
        if (caseId is not null && !agenda.State.Order.Contains(caseId))
        {
            errors.Add("case", $"Sak «{caseId}» stod ikke på sakslisten til møtet. Utelat «case» for filer til «Orientering fra sekretariatet».");
        }

        if (incoming.Count == 0)
        {
            errors.Add(CaseSubmissionInput.Fields.Attachments, "Legg ved minst én fil.");
        }

        var (files, problem) = AttachmentCheck.Inspect(incoming, limits.Value, errors);
        if (errors.Any)
        {
            return new Result.Invalid(errors, problem switch
            {
                AttachmentProblem.TooLarge => StatusCodes.Status413PayloadTooLarge,
                AttachmentProblem.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
                _ => StatusCodes.Status400BadRequest,
            });
        }

        var container = await storage.Container(StorageNames.AttachmentsContainer);
        var stored = new List<(CheckedFile File, string BlobName)>();
        foreach (var file in files)
        {
            // Named by content: the same file sent twice is stored once.
            var blobName = $"{meetingId}/etter-motet/{file.Sha256[..24]}{file.Type.Extension}";
            await using var content = file.Open();
            content.Position = 0;
            await container.GetBlobClient(blobName).CreateIfAbsent(content, file.Type.ContentType, new Dictionary<string, string> { ["sha256"] = file.Sha256, ["meeting"] = meetingId.Value }, ct);
            stored.Add((file, blobName));
        }

        var state = await store.Change(meetingId, s =>
        {
            var list = s.AddedFiles.ToList();
            foreach (var (file, blobName) in stored.Where(f => !list.Any(x => x.BlobName == f.BlobName && x.CaseId == caseId)))
            {
                list.Add(new MinutesFile(list.Count == 0 ? 1 : list.Max(x => x.Index) + 1, caseId, file.FileName, file.Type.ContentType, file.Length, file.Sha256, blobName));
            }

            return s with { Files = list };
        }, ct);
        return new Result.Added(state.AddedFiles);
    }
}
