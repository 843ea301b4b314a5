using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Tests.Email;

/// <summary>
/// Every email template beside a model (Email/Golden/NAME.json, or NAME@VARIANT.json) and the email it
/// must give: subject and plain text in *.expected.txt, the HTML part in *.expected.html. A wording
/// change shows up as a readable diff: the actual output is written beside the expected as *.actual.*.
/// </summary>
public sealed class EmailTemplateTests
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "Helsefellesskap.Functions.Tests", "Email", "Golden");

    private static readonly EmailTemplates Templates = new(
        Options.Create(new DocumentOptions { TemplatesPath = Path.Combine(RepoPaths.Root, "templates") }),
        Options.Create(new CommunityOptions { Name = "Helsefellesskap Helgeland" }),
        new MarkdownToHtml());

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void EveryTemplate_HasAGoldenCase()
    {
        var cases = Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f).Split('@')[0]).ToHashSet();
        Assert.All(EmailTemplates.All, t => Assert.Contains(t.Name, cases));
    }

    [Fact]
    public void EveryTemplateFile_IsAnEmailTheAppSends()
    {
        var files = Directory.GetFiles(Templates.Folder, "*.md.liquid").Select(Path.GetFileName);
        Assert.Equal(EmailTemplates.All.Select(t => t.FileName).Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Template_GivesTheExpectedEmail(string name)
    {
        var template = EmailTemplates.All.Single(t => t.Name == name.Split('@')[0]);
        var model = System.Text.Json.JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path.Combine(Folder, $"{name}.json")), template.Model, Functions.Storage.Json.Options)!;

        var (subject, text, html) = await Templates.Render(template.FileName, model);

        var textOk = await Matches(name, "txt", $"Emne: {subject}\n\n{text}");
        var htmlOk = await Matches(name, "html", html);
        Assert.True(textOk && htmlOk, $"The email {name} differs from its expected files in {Folder}; see {name}.actual.* (diff them; copy over if the change is intended).");
    }

    [Fact]
    public async Task Values_CannotAddLinksOrMarkup()
    {
        var (_, text, html) = await Templates.Render(Emails.MinutesChange.FileName, new MinutesChangeEmail("ssu-2027-02-11", 1, "[klikk](https://evil.example.org) <script>alert(1)</script> ![x](https://evil.example.org/x.png)", "Kari Nordmann (Rana kommune)"));

        Assert.DoesNotContain("evil.example.org\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(@"\[klikk\]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_AreOnTheirOwnLineInTheText_AndLinksInTheHtml()
    {
        var url = "https://helsefellesskap.example.org/api/forfall/ssu-2027-02-11/k1?token=a_b-c";
        var (_, text, html) = await Templates.Render(Emails.MinutesDraft.FileName, new MinutesDraftEmail("Kari", new BodyView("Strategisk samarbeidsutvalg", "SSU"),
            new MeetingView("torsdag 11. februar 2027", "11.02.2027", "10:00", "14:00", "Mosjøen", null), "torsdag 18. februar 2027", "18.02.2027", 4, url));

        Assert.Contains($"]: {url}\n", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{url.Replace("&", "&amp;", StringComparison.Ordinal)}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageIds_KeepTheFormatsAlreadyInTheOutbox()
    {
        var meeting = MeetingId.Parse("ssu-2027-02-11");
        Assert.Equal("case-receipt.HFH-2026-0042", MessageIds.CaseReceipt("HFH-2026-0042"));
        Assert.Equal("case-redirect.HFH-2026-0042.ssu-2027-02-11", MessageIds.CaseDecision("redirect", "HFH-2026-0042", meeting));
        Assert.Equal("cancelled.ssu-2027-02-11.HFH-2026-0042", MessageIds.CaseMeetingCancelled(meeting, "HFH-2026-0042"));
        Assert.Equal("meeting-moved-20270218-1000.ssu-2027-02-11.k1", MessageIds.MeetingChanged("moved-20270218-1000", meeting, "k1"));
        Assert.Equal("reminder.ssu-2027-02-11.k1", MessageIds.Reminder(meeting, "k1"));
        Assert.Equal("deadline.ssu-2027-02-11", MessageIds.Deadline(meeting));
        Assert.Equal("freeze-escalation.ssu-2027-02-11", MessageIds.FreezeEscalation(meeting));
        Assert.Equal("auto-freeze.ssu-2027-02-11", MessageIds.AutoFreeze(meeting));
        Assert.Equal("summons.ssu-2027-02-11.k1", MessageIds.Summons(meeting, "k1"));
        Assert.Equal("deputy-summons.ssu-2027-02-11.k1-vara", MessageIds.DeputySummons(meeting, "k1-vara"));
        Assert.Equal("absence-confirmation.ssu-2027-02-11.k1", MessageIds.AbsenceConfirmation(meeting, "k1"));
        Assert.Equal("absence-notice.ssu-2027-02-11.k1", MessageIds.AbsenceNotice(meeting, "k1"));
        Assert.Equal("minutes-waiting.ssu-2027-02-11", MessageIds.MinutesWaiting(meeting));
        Assert.Equal("minutes-draft-v2.ssu-2027-02-11.k1", MessageIds.MinutesDraft(2, meeting, "k1"));
        Assert.Equal("minutes-change.ssu-2027-02-11.k1.v1.0", MessageIds.MinutesChange(meeting, "k1", 1, 0));
        Assert.Equal("published.ssu-2027-02-11.1", MessageIds.Published(meeting, 1));
        Assert.Equal("step-failed.ssu-2027-02-11.Summons", MessageIds.StepFailed(meeting, "Summons"));
        Assert.Equal("step-skipped.ssu-2027-02-11.Summons", MessageIds.StepSkipped(meeting, "Summons"));
        Assert.Equal("publication-at-risk.ssu-2027-03-24", MessageIds.PublicationAtRisk(MeetingId.Parse("ssu-2027-03-24")));
        Assert.Equal("email-failed.summons.ssu-2027-02-11.k1", MessageIds.EmailFailed("summons.ssu-2027-02-11.k1"));
        Assert.Equal("minutes-approved.ssu-2027-02-11.k1", MessageIds.MinutesApproved(meeting, "k1"));
        Assert.Equal("case-placed.HFH-2026-0042.ssu-2027-02-11", MessageIds.CasePlaced("HFH-2026-0042", meeting));
        Assert.Equal("case-treated.HFH-2026-0042.ssu-2027-02-11", MessageIds.CaseTreated("HFH-2026-0042", meeting));
        Assert.Equal("new-case.HFH-2026-0042", MessageIds.NewCase("HFH-2026-0042"));
        Assert.Equal("new-cases.2026-11-23", MessageIds.NewCaseDigest(new DateOnly(2026, 11, 23)));
    }

    private static Task<bool> Matches(string name, string extension, string actual) => GoldenFiles.Matches(Path.Combine(Folder, name), extension, actual);
}
