using Helsefellesskap.Functions.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cases;

/// <summary>Every field of the case template is checked on the server, with a Norwegian message per field.</summary>
public sealed class CaseSubmissionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static (CaseSubmission? Case, ValidationErrors Errors) Validate(JsonObject json) =>
        CaseSubmissionRules.Validate(CaseSubmissionInput.FromJson(JsonDocument.Parse(json.ToJsonString()).RootElement), Today);

    [Fact]
    public void ValidSubmission_PassesWithEveryField()
    {
        var (submission, errors) = Validate(Submissions.Valid("Tittel"));
        Assert.False(errors.Any);
        Assert.NotNull(submission);
        Assert.Equal("ssu", submission.Body);
        Assert.Equal(CaseKind.Decision, submission.Kind);
        Assert.Equal(["SSU slutter seg til rutinen.", "Rutinen evalueres etter ett år."], submission.ProposedDecision);
        Assert.Equal("Åse Ødegård", submission.Submitter.Name);
    }

    public static TheoryData<string, Action<JsonObject>, string> Invalid => new()
    {
        { "body", j => j.Remove("body"), "Velg hvilket utvalg" },
        { "title", j => j["title"] = "   ", "Skriv en tittel" },
        { "title", j => j["title"] = new string('x', 201), "høyst 200 tegn" },
        { "title", j => j["title"] = 42, "må være tekst" },
        { "title", j => j["title"] = "Tittel\u0000med nulltegn", "kontrolltegn" },
        // Unicode TR 36: a right-to-left override reorders the title where it is shown; a zero-width space hides in a name.
        { "title", j => j["title"] = "Avtale om \u202Eavlagt\u202C legevakt", "usynlige tegn (retningstegn" },
        { "submitter.name", j => j["submitter"]!["name"] = "Åse\u200B Ødegård", "usynlige tegn" },
        { "kind", j => j["kind"] = "vedtak", "Velg sakstype" },
        { "kind", j => j.Remove("kind"), "Velg sakstype" },
        { "from", j => j.Remove("from"), "Skriv hvem saken er fra" },
        { "submitter", j => j["submitter"] = "Åse", "må være et objekt" },
        { "submitter.name", j => j["submitter"]!.AsObject().Remove("name"), "Skriv navnet ditt" },
        { "submitter.email", j => j["submitter"]!["email"] = "", "Skriv e-postadressen din" },
        { "submitter.email", j => j["submitter"]!["email"] = "ase.example.org", "ikke gyldig" },
        { "submitter.email", j => j["submitter"]!["email"] = "Åse <ase@example.org>", "ikke gyldig" },
        { "submitter.email", j => j["submitter"]!["email"] = "ase@localhost", "ikke gyldig" },
        { "submitter.organisation", j => j["submitter"]!.AsObject().Remove("organisation"), "Skriv hvilken organisasjon" },
        { "summary", j => j["summary"] = "", "Skriv et sammendrag" },
        { "summary", j => j["summary"] = new string('x', 4001), "høyst 4000 tegn" },
        { "background", j => j.Remove("background"), "Skriv bakgrunnen" },
        { "assessment", j => j["assessment"] = new string('x', 15001), "høyst 15000 tegn" },
        { "proposedDecision", j => j["proposedDecision"] = new JsonArray(), "minst ett punkt" },
        { "proposedDecision", j => j["proposedDecision"] = new JsonArray(1, 2), "liste med tekstpunkter" },
        { "proposedDecision", j => j["proposedDecision"] = new JsonArray(Enumerable.Range(1, 21).Select(i => (JsonNode)$"Punkt {i}").ToArray()), "høyst 20 punkter" },
        { "proposedDecision", j => j["proposedDecision"] = new JsonArray(new string('x', 1001)), "høyst 1000 tegn" },
        { "preferredMeetingDate", j => j["preferredMeetingDate"] = "11.02.2027", "åååå-mm-dd" },
        { "preferredMeetingDate", j => j["preferredMeetingDate"] = "2026-11-22", "tilbake i tid" },
        { "exemption.legalBasis", j => j["exemption"] = new JsonObject { ["reason"] = "Personopplysninger" }, "hjemmel" },
        { "exemption.reason", j => j["exemption"] = new JsonObject { ["legalBasis"] = "offl. § 13", ["reason"] = new string('x', 1001) }, "høyst 1000 tegn" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidField_IsRefusedWithANorwegianMessageForThatField(string field, Action<JsonObject> spoil, string message)
    {
        var json = Submissions.Valid("Tittel");
        spoil(json);
        var (submission, errors) = Validate(json);
        Assert.Null(submission);
        Assert.Contains(errors.For(field), m => m.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void AnExemption_NamesSectionsAndAttachments_OrIsOfTheWholeCase()
    {
        var json = Submissions.Valid("Delvis unntatt");
        json["exemption"] = new JsonObject { ["legalBasis"] = "offl. § 13", ["sections"] = new JsonArray("assessment"), ["attachments"] = new JsonArray() };
        var (partly, _) = Validate(json);
        Assert.False(partly!.Exemption!.WholeCase);
        Assert.True(partly.Exemption.Covers("assessment"));
        Assert.False(partly.Exemption.Covers("summary"));

        json["exemption"] = new JsonObject { ["legalBasis"] = "offl. § 13" };
        var (whole, _) = Validate(json);
        Assert.True(whole!.Exemption!.WholeCase);
        Assert.True(whole.Exemption.Covers("summary"));
    }

    [Fact]
    public void AnExemptSectionThatIsNoSection_OrAnAttachmentThatIsNotThere_IsRefusedByName()
    {
        var json = Submissions.Valid("Feil unntak");
        json["exemption"] = new JsonObject { ["legalBasis"] = "offl. § 13", ["sections"] = new JsonArray("vurdering"), ["attachments"] = new JsonArray(2) };
        var (submission, errors) = Validate(json);

        Assert.Null(submission);
        Assert.Contains(errors.For("exemption.sections"), m => m.Contains("«vurdering» er ikke en del av saken", StringComparison.Ordinal));
        Assert.Contains(errors.For("exemption.attachments"), m => m.Contains("Vedlegg 2 finnes ikke; saken har 0 vedlegg.", StringComparison.Ordinal));
    }

    [Fact]
    public void InformationCase_WithoutProposedDecision_IsTakenAsInformation()
    {
        var json = Submissions.Valid("Orientering");
        json["kind"] = "information";
        json.Remove("proposedDecision");
        var (submission, _) = Validate(json);
        Assert.Equal(["Saken tas til orientering."], submission!.ProposedDecision);
    }

    [Fact]
    public void Markdown_IsStoredExactlyAsWritten()
    {
        var json = Submissions.Valid("Markdown");
        const string hostile = "<script>alert('x')</script>\n[x](javascript:alert(1))\n![](http://127.0.0.1:9/spor)  ";
        json["background"] = hostile;
        var (submission, _) = Validate(json);
        Assert.Equal(hostile, submission!.Background);
    }

    [Fact]
    public void Exemption_WithLegalBasis_IsKept()
    {
        var json = Submissions.Valid("Unntatt");
        json["exemption"] = new JsonObject { ["legalBasis"] = "offl. § 13", ["reason"] = "Vedlegg 2 har helseopplysninger." };
        var (submission, _) = Validate(json);
        Assert.Equal(new Exemption("offl. § 13", "Vedlegg 2 har helseopplysninger."), submission!.Exemption);
    }

    [Fact]
    public void NotAnObject_IsRefused()
    {
        var input = CaseSubmissionInput.FromJson(JsonDocument.Parse("[1,2]").RootElement);
        Assert.True(CaseSubmissionRules.Validate(input, Today).Errors.Any);
    }

    [Theory]
    [InlineData("1. Første\n2) Andre\n\n  Tredje  ", new[] { "Første", "Andre", "Tredje" })]
    [InlineData("2026 er året", new[] { "2026 er året" })]
    public void ProposedDecisionFromAForm_IsOnePointPerLine(string text, string[] points) =>
        Assert.Equal(points, CaseSubmissionInput.SplitPoints(text));
}
