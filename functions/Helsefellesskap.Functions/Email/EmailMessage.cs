namespace Helsefellesskap.Functions.Email;

public sealed record EmailAddress(string Email, string? Name = null)
{
    /// <summary>Where the secretariat is told of escalations, failures and change requests.</summary>
    public static EmailAddress Secretariat(Common.SecretariatOptions options) => new(options.Email, "Samhandlingssekretariatet");
}

/// <summary>
/// An attachment whose bytes live in blob storage, so the outbox record stays small; or, for a small
/// text such as a calendar invitation, carried in <see cref="Text"/>.
/// </summary>
public sealed record EmailAttachment(string FileName, string ContentType, string Container, string BlobName, string? Text = null)
{
    public static EmailAttachment Inline(string fileName, string contentType, string text) => new(fileName, contentType, "", "", text);

}

/// <summary>
/// One email to one or more recipients. <see cref="Id"/> is deterministic (derived from what the message
/// is for, e.g. "case-receipt.HFH-2026-0042"), so enqueuing the same message twice stores it once.
/// </summary>
public sealed record EmailMessage(
    string Id,
    IReadOnlyList<EmailAddress> To,
    string Subject,
    string TextBody,
    string HtmlBody,
    IReadOnlyList<EmailAttachment> Attachments);
