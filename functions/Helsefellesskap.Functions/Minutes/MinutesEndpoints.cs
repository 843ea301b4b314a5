using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Minutes;

public static class MinutesEndpoints
{
    public static void MapMinutesEndpoints(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapPut("meetings/{id}/outcome", Outcome);
        secretariat.MapPost("meetings/{id}/minutes/draft", SendDraftNow);
        secretariat.MapPost("meetings/{id}/minutes/approve", Approve);
        secretariat.MapPost("meetings/{id}/minutes/recirculate", Recirculate);
        secretariat.MapPost("meetings/{id}/minutes/files", AddFiles).DisableAntiforgery();
        app.MapGet("/api/referat/{meetingId}/{memberId}", ChangePage);
        app.MapPost("/api/referat/{meetingId}/{memberId}", ChangeSubmit).DisableAntiforgery();
        app.MapGet("/api/referat-fullt/{meetingId}/{memberId}", FullVersion);
    }

    /// <summary>The minutes in full through a member's or deputy's personal link (the email carries the public version).</summary>
    private static async Task<IResult> FullVersion(string meetingId, string memberId, long utloper, string? token, FullMinutes full, HttpContext context, CancellationToken ct)
    {
        if (!MeetingId.TryParse(meetingId, out var id) || await full.Read(id, memberId, utloper, token, ct) is not { } pdf)
        {
            return Pages.Message("Lenken er ikke gyldig", "Lenken er ikke gyldig", "Lenken er utløpt eller feil. Be sekretariatet om referatet.", StatusCodes.Status404NotFound);
        }

        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(pdf, "application/pdf", $"referat-{id}.pdf");
    }

    private static async Task<Results<Ok<MeetingOutcome>, ProblemHttpResult>> Outcome(string id, OutcomeRecording.OutcomeInput input, OutcomeRecording recording, CancellationToken ct) =>
        OutcomeAnswer(MeetingId.TryParse(id, out var meetingId) ? await recording.Record(meetingId, input, ct) : new OutcomeRecording.Result.NoMeeting($"Det finnes ikke noe møte «{id}»."));

    /// <summary>An outcome recorded (or corrected) as the API answers it: the outcome, or a problem in Norwegian.</summary>
    public static Results<Ok<MeetingOutcome>, ProblemHttpResult> OutcomeAnswer(OutcomeRecording.Result result) =>
        result is OutcomeRecording.Result.Recorded r ? TypedResults.Ok(r.Outcome) : OutcomeProblem(result);

    /// <summary>Why an outcome was not recorded (or corrected), as a problem in Norwegian.</summary>
    public static ProblemHttpResult OutcomeProblem(OutcomeRecording.Result result) =>
        result switch
        {
            OutcomeRecording.Result.Invalid invalid => Problems.Validation(invalid.Errors),
            OutcomeRecording.Result.NoMeeting none => Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", none.Message),
            OutcomeRecording.Result.NotSummoned not => Problems.Status(StatusCodes.Status409Conflict, "Møtet kan ikke få vedtak", not.Message),
            OutcomeRecording.Result.NotStarted early => Problems.Status(StatusCodes.Status409Conflict, "Møtet har ikke begynt", early.Message),
            OutcomeRecording.Result.Approved approved => Problems.Status(StatusCodes.Status409Conflict, ApprovedRecord.Title, approved.Message),
            OutcomeRecording.Result.NotApproved notApproved => Problems.Status(StatusCodes.Status409Conflict, "Referatet er ikke godkjent", notApproved.Message),
            _ => throw new InvalidOperationException("Unknown result."),
        };

    /// <summary>Files added after the meeting: multipart with "attachments" and, for a case, "case".</summary>
    private static async Task<Results<Ok<IReadOnlyList<MinutesFile>>, ProblemHttpResult>> AddFiles(string id, HttpRequest request, MinutesFiles files, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Send filene som multipart/form-data", "Feltet «attachments» med filene, og «case» med saken de hører til (uten «case»: Orientering fra sekretariatet).");
        }

        var form = await request.ReadFormAsync(ct);
        var incoming = form.Files.GetFiles(Cases.CaseSubmissionInput.Fields.Attachments).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName))
            .Select(f => new Cases.IncomingFile(f.FileName, f.Length, f.OpenReadStream)).ToList();
        return (MeetingId.TryParse(id, out var meetingId) ? await files.Add(meetingId, form["case"].ToString(), incoming, ct) : new MinutesFiles.Result.NoMeeting()) switch
        {
            MinutesFiles.Result.Added added => TypedResults.Ok(added.Files),
            MinutesFiles.Result.NoMeeting => Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe møte «{id}»."),
            MinutesFiles.Result.Approved approved => Problems.Status(StatusCodes.Status409Conflict, ApprovedRecord.Title, approved.Message),
            MinutesFiles.Result.Invalid invalid => Problems.Validation(invalid.Errors, invalid.StatusCode),
            _ => throw new InvalidOperationException("Unknown result."),
        };
    }

    private static async Task<Results<Ok<MinutesState>, ProblemHttpResult>> SendDraftNow(string id, SecretariatMinutes minutes, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) ? Answer(await minutes.SendDraftNow(meetingId, ct)) : NoMeeting(id);

    private static async Task<Results<Ok<MinutesState>, ProblemHttpResult>> Approve(string id, SecretariatMinutes minutes, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) ? Answer(await minutes.Approve(meetingId, ct)) : NoMeeting(id);

    private static async Task<Results<Ok<MinutesState>, ProblemHttpResult>> Recirculate(string id, SecretariatMinutes minutes, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) ? Answer(await minutes.Recirculate(meetingId, ct)) : NoMeeting(id);

    private static ProblemHttpResult NoMeeting(string id) =>
        Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe møte «{id}».");

    private static Results<Ok<MinutesState>, ProblemHttpResult> Answer(SecretariatMinutes.Result result) => result switch
    {
        SecretariatMinutes.Result.Done done => TypedResults.Ok(done.State),
        SecretariatMinutes.Result.NotNow not => Problems.Status(StatusCodes.Status409Conflict, not.Title, not.Detail),
        _ => throw new InvalidOperationException("Unknown result."),
    };

    private static async Task<IResult> ChangePage(string meetingId, string memberId, string? token, DraftCirculation minutes, TimeProvider clock, CancellationToken ct)
    {
        if (!MeetingId.TryParse(meetingId, out var id) || !minutes.IsValidChangeLink(id, memberId, token) || await minutes.State(id, ct) is not { DraftSentAt: not null } state)
        {
            return InvalidLink();
        }

        if (DraftCirculation.ChangeLinkHasExpired(state, clock.GetUtcNow()))
        {
            return ExpiredLink();
        }

        return Pages.Render<ChangeRequestPage>(new { Deadline = state.ApprovedAt is null ? Norwegian.LongDate(state.ApprovalDeadline!.Value) : null, Token = token });
    }

    private static async Task<IResult> ChangeSubmit(string meetingId, string memberId, HttpRequest request, DraftCirculation minutes, TimeProvider clock, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        var text = form?["change"].ToString().Trim() ?? "";
        if (form is null || !MeetingId.TryParse(meetingId, out var id) || !minutes.IsValidChangeLink(id, memberId, form["token"]))
        {
            return InvalidLink();
        }

        if (DraftCirculation.ChangeLinkHasExpired(await minutes.State(id, ct), clock.GetUtcNow()))
        {
            return ExpiredLink();
        }

        if (text.Length is 0 or > 4000)
        {
            return Pages.Message("Feil: Be om endringer", "Be om endringer i referatet", "Skriv hva som bør endres (høyst 4000 tegn). Gå tilbake og prøv igjen.", StatusCodes.Status400BadRequest, error: true);
        }

        return await minutes.RequestChange(id, memberId, text, ct)
            ? Pages.Message("Endringsønsket er sendt", "Endringsønsket er sendt", "Sekretariatet ser på det. Referatet blir ikke godkjent før det er avklart.")
            : Pages.Message("Referatet er godkjent", "Referatet er godkjent", "Fristen for merknader er ute. Kontakt sekretariatet.", StatusCodes.Status409Conflict);
    }

    private static IResult ExpiredLink() =>
        Pages.Message("Lenken er utløpt", "Lenken er utløpt", "Referatet er godkjent og publisert. Kontakt sekretariatet hvis noe må rettes.", StatusCodes.Status410Gone);

    private static IResult InvalidLink() =>
        Pages.Message("Lenken er ikke gyldig", "Lenken er ikke gyldig", "Kontakt sekretariatet.", StatusCodes.Status404NotFound);
}
