namespace Helsefellesskap.Functions.Email;

/// <summary>Hands a message to whatever delivers it: SendGrid in Azure, the local .eml outbox otherwise.</summary>
public interface IEmailSender
{
    /// <summary>Delivers the message; returns an id from the provider for the record.</summary>
    Task<string> Send(EmailMessage message, CancellationToken ct);

    /// <summary>
    /// Whether an earlier hand-over of this message, whose answer was lost (the process died, the
    /// connection broke), reached the provider: true or false, or null when the provider cannot say.
    /// </summary>
    Task<bool?> WasDelivered(string messageId, CancellationToken ct);
}
