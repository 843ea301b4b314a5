using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "";

    /// <summary>Empty: messages are written as .eml files to the blob container "outbox" instead of being sent.</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>Optional SendGrid API host (scheme and host); the default is SendGrid's own.</summary>
    public string? SendGridHost { get; set; }

    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(SendGridApiKey);

    public static IEnumerable<string> Problems(EmailOptions o)
    {
        foreach (var p in Settings.Required(Section, nameof(FromAddress), o.FromAddress))
        {
            yield return p;
        }

        foreach (var p in Settings.Required(Section, nameof(FromName), o.FromName))
        {
            yield return p;
        }

        if (!string.IsNullOrWhiteSpace(o.FromAddress) && !EmailAddressRule.IsValid(o.FromAddress))
        {
            yield return $"Setting {Settings.Name(Section, nameof(FromAddress))} is not an email address (got '{o.FromAddress}').";
        }

        if (!string.IsNullOrWhiteSpace(o.SendGridHost) && !Uri.TryCreate(o.SendGridHost, UriKind.Absolute, out _))
        {
            yield return $"Setting {Settings.Name(Section, nameof(SendGridHost))} must be an absolute URL (got '{o.SendGridHost}').";
        }
    }
}

public static class EmailAddressRule
{
    /// <summary>A plain address a mail server would accept: one '@', a dotted domain, no spaces or display name.</summary>
    public static bool IsValid(string address)
    {
        if (address.Length > 254 || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"'))
        {
            return false;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != address.LastIndexOf('@') || at == address.Length - 1)
        {
            return false;
        }

        var domain = address[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal)
            && System.Net.Mail.MailAddress.TryCreate(address, out var parsed) && parsed.Address == address;
    }
}
