using System.Text.Json;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Cases;

/// <summary>The case API: anyone may submit; the secretariat reads with its key.</summary>
public static class CaseEndpoints
{
    public const int MaxJsonBytes = 1024 * 1024;

    public sealed record MeetingRef(string Id, DateOnly Date, DateOnly CaseDeadline);

    public sealed record SubmissionReceipt(string Id, string Reference, CaseStatus Status, MeetingRef? Meeting, string StatusUrl, DateTimeOffset ReceivedAt);

    public static void MapCaseApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cases", Submit).DisableAntiforgery();
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("cases", List);
        secretariat.MapGet("cases/{id}", Get);
        secretariat.MapPut("cases/{id}/exemption/access", GrantAccess);
    }

    private static async Task<Results<Created<SubmissionReceipt>, ProblemHttpResult>> Submit(HttpRequest request, CaseIntake intake, CaseLinks links, CancellationToken ct)
    {
        CaseSubmissionInput input;
        if (request.HasJsonContentType())
        {
            if (request.ContentLength > MaxJsonBytes)
            {
                return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Saken er for stor", "En sak sendt som JSON kan være høyst 1 MB. Send vedlegg som multipart/form-data.");
            }

            // A chunked body has no length to check first: the server stops reading it at the limit (413).
            if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxJsonBytes;
            }

            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
                input = CaseSubmissionInput.FromJson(document.RootElement);
            }
            catch (JsonException e)
            {
                return Problems.Status(StatusCodes.Status400BadRequest, "Saken er ikke gyldig JSON", $"Feil ved linje {e.LineNumber + 1}, posisjon {e.BytePositionInLine + 1}.");
            }
            catch (InvalidOperationException)
            {
                // A string that is not valid text (a lone surrogate escaped as \ud800, say).
                return Problems.Status(StatusCodes.Status400BadRequest, "Saken er ikke gyldig JSON", "En tekst i saken inneholder tegn som ikke er gyldig tekst (ugyldig UTF-16/UTF-8).");
            }
        }
        else if (request.HasFormContentType)
        {
            input = CaseSubmissionInput.FromForm(await request.ReadFormAsync(ct));
        }
        else
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Innholdstypen støttes ikke", "Send saken som application/json, eller som multipart/form-data med vedlegg i feltet «attachments».");
        }

        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        var outcome = await intake.Submit(input, key, ct, SecretariatAccess.IsSecretariat(request.HttpContext));
        switch (outcome)
        {
            case CaseIntake.Outcome.Created created:
                if (created.Replayed)
                {
                    request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                }

                return TypedResults.Created($"/api/cases/{Uri.EscapeDataString(created.Case.Id)}", ReceiptFor(created, links));
            case CaseIntake.Outcome.Invalid invalid:
                return Problems.Validation(invalid.Errors, invalid.StatusCode);
            case CaseIntake.Outcome.UnknownBody unknown:
                return Problems.Status(StatusCodes.Status404NotFound, "Utvalget finnes ikke", $"Det finnes ikke noe utvalg med koden «{unknown.Code}». Bruk for eksempel «ssu».");
            case CaseIntake.Outcome.KeyInProgress:
                return Problems.Status(StatusCodes.Status409Conflict, "Saken behandles allerede", "En forespørsel med samme Idempotency-Key er under arbeid. Vent litt og send den samme forespørselen igjen.");
            case CaseIntake.Outcome.KeyReused:
                return Problems.Status(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key er brukt før", "Denne Idempotency-Key ble brukt for en annen sak. Bruk en ny nøkkel for en ny sak.");
            default:
                throw new InvalidOperationException($"Unhandled outcome {outcome}");
        }
    }

    public static SubmissionReceipt ReceiptFor(CaseIntake.Outcome.Created created, CaseLinks links) => new(
        created.Case.Id,
        created.Case.Reference,
        created.Case.Status,
        created.Meeting is null ? null : new MeetingRef(created.Meeting.Id.Value, created.Meeting.Date, CaseDeadline.LastDay(created.Meeting, created.Body.Rules)),
        links.StatusUrl(created.Case.Id),
        created.Case.ReceivedAt);

    /// <summary>The cases, a page at a time in the order they came in (see <see cref="Paging"/>).</summary>
    private static async Task<Results<Ok<IReadOnlyList<CaseRecord>>, ProblemHttpResult>> List(string? body, string? status, int? limit, string? continuation, CaseStore cases, HttpContext context, CancellationToken ct)
    {
        var (size, invalidLimit) = Paging.Limit(limit);
        if (invalidLimit is not null)
        {
            return invalidLimit;
        }

        CaseStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problems.Status(StatusCodes.Status400BadRequest, "Ukjent status",
                    $"Status kan være en av: {string.Join(", ", Enum.GetValues<CaseStatus>().Select(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString())))}.");
            }

            wanted = parsed;
        }

        if (body is not null && !MeetingStore.IsBodyCode(body))
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Ugyldig utvalgskode", "Utvalgskoden består av små bokstaver og tall, for eksempel «ssu».");
        }

        if (await cases.Page(body, wanted, size, string.IsNullOrEmpty(continuation) ? null : continuation, ct) is not var (page, next))
        {
            return Paging.InvalidContinuation();
        }

        Paging.LinkNext(context, next, size);
        return TypedResults.Ok(page);
    }

    /// <summary>Who, besides members and deputies, may read an exempt case's papers: <c>{"memberIds": ["o1"]}</c> (an empty list takes the access back).</summary>
    public sealed record AccessInput(IReadOnlyList<string>? MemberIds);

    private static async Task<Results<Ok<CaseRecord>, ProblemHttpResult>> GrantAccess(string id, AccessInput input, CaseStore cases, MeetingStore meetings, CancellationToken ct)
    {
        if (await cases.Find(id, ct) is not { } found)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Fant ikke saken", $"Det finnes ingen sak med referansen «{id}».");
        }

        if (found.Exemption is not { } exemption)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Saken er ikke unntatt offentlighet", "Alle kan allerede lese sakspapirene.");
        }

        var errors = new ValidationErrors();
        var granted = (input.MemberIds ?? []).Distinct().ToList();
        foreach (var memberId in granted)
        {
            var member = await meetings.FindMember(found.Body, memberId, ct);
            if (member is null)
            {
                errors.Add("memberIds", $"«{memberId}» er ikke med i utvalget saken hører til.");
            }
            else if (member.ReceivesExemptPapers)
            {
                errors.Add("memberIds", $"{member.Name} er medlem eller vara og får de unntatte sakspapirene uansett.");
            }
        }

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var changed = found with { Content = found.Content with { Exemption = exemption with { GrantedTo = granted.Count == 0 ? null : granted } } };
        await cases.Update(changed, ct);
        return TypedResults.Ok(changed);
    }

    private static async Task<Results<Ok<CaseRecord>, ProblemHttpResult>> Get(string id, CaseStore cases, CancellationToken ct) =>
        await cases.Find(id, ct) is { } found
            ? TypedResults.Ok(found)
            : Problems.Status(StatusCodes.Status404NotFound, "Fant ikke saken", $"Det finnes ingen sak med referansen «{id}».");

}
