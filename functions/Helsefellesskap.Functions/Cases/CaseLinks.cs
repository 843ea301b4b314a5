using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Cases;

/// <summary>The submitter's personal link to follow a case, without the secretariat key.</summary>
public sealed class CaseLinks(SignedLinks links)
{
    private const string Purpose = "case-status";

    public string StatusPath(string caseId) => $"/api/sak/status/{Uri.EscapeDataString(caseId)}?token={links.Token(Purpose, caseId)}";

    public string StatusUrl(string caseId) => links.Absolute(StatusPath(caseId));

    public bool IsValid(string caseId, string? token) => links.IsValid(Purpose, caseId, token);
}
