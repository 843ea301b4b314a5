using System.Globalization;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Community;

/// <summary>People added to a body's roster or changed (a term ended, a deputy's order), checked by the community's one validation; for the API and the workspace.</summary>
public sealed class RosterChanges(MeetingStore store)
{
    public abstract record Result
    {
        public sealed record Done(Member Member) : Result;

        public sealed record Invalid(ValidationErrors Errors) : Result;

        /// <summary>On adding: the id is taken. On changing: nobody has it.</summary>
        public sealed record Exists(string Message) : Result;

        public sealed record UnknownBody : Result;
    }

    public async Task<Result> Add(string body, BodyEndpoints.MemberInput input, CancellationToken ct)
    {
        if (await store.FindBody(body, ct) is not { } b)
        {
            return new Result.UnknownBody();
        }

        var roster = await store.Members(body, ct);
        var errors = new ValidationErrors();
        var member = BodyInputs.Member(input, input.Id ?? "", b, roster, errors);
        if (errors.Any || member is null)
        {
            return new Result.Invalid(errors);
        }

        return await store.AddMember(member, ct)
            ? new Result.Done(member)
            : new Result.Exists($"Det finnes allerede en person med id «{member.Id}» i {b.ShortName}.");
    }

    /// <summary>Changes a person; what the input leaves out stays as it was.</summary>
    public async Task<Result> Change(string body, string id, BodyEndpoints.MemberInput input, CancellationToken ct)
    {
        if (await store.FindBody(body, ct) is not { } b)
        {
            return new Result.UnknownBody();
        }

        if (await store.FindMember(body, id, ct) is not { } existing)
        {
            return new Result.Exists($"Det finnes ingen «{id}» i {b.ShortName}.");
        }

        input = input with
        {
            Name = input.Name ?? existing.Name,
            Email = input.Email ?? existing.Email,
            Organisation = input.Organisation ?? existing.Organisation,
            Party = input.Party ?? (existing.Party is { } party ? EnumText.Name(party) : null),
            Role = input.Role ?? EnumText.Name(existing.Role),
            DeputyFor = input.DeputyFor ?? existing.DeputyFor,
            DeputyOrder = input.DeputyOrder ?? existing.DeputyOrder,
            From = input.From ?? existing.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            To = input.To ?? existing.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        var roster = (await store.Members(body, ct)).Where(m => m.Id != id).ToList();
        var errors = new ValidationErrors();
        if (input.Id is not null && input.Id != id)
        {
            errors.Add("id", "Id-en kan ikke endres; gi personen en sluttdato («to») og legg til en ny.");
        }

        var member = BodyInputs.Member(input, id, b, roster, errors);
        if (errors.Any || member is null)
        {
            return new Result.Invalid(errors);
        }

        await store.UpdateMember(member, ct);
        return new Result.Done(member);
    }
}
