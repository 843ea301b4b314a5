namespace Helsefellesskap.Functions.Email;

/// <summary>Hands a message to whatever delivers it: SendGrid in Azure, the local .eml outbox otherwise.</summary>
public interface IEmailSender
{
    /// <summary>Delivers the message; returns an id from the provider for the record.</summary>
    Task<string> Send(EmailMessage message, CancellationToken ct);
}
