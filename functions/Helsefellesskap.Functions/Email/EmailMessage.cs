namespace Helsefellesskap.Functions.Email;

public sealed record EmailAddress(string Email, string? Name = null);

/// <summary>An attachment whose bytes live in blob storage, so the outbox record stays small.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, string Container, string BlobName);

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
