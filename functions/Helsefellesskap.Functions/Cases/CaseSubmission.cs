using System.Text.Json;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Email;

namespace Helsefellesskap.Functions.Cases;

/// <summary>A file as it arrived, not yet checked.</summary>
public sealed record IncomingFile(string FileName, long Length, Func<Stream> Open);

/// <summary>A submission that passed every check: the case as the submitter wrote it.</summary>
public sealed record CaseSubmission(
    string Body,
    string Title,
    CaseKind Kind,
    string From,
    Submitter Submitter,
    string Summary,
    string Background,
    string Assessment,
    IReadOnlyList<string> ProposedDecision,
    DateOnly? PreferredMeetingDate,
    Exemption? Exemption);
