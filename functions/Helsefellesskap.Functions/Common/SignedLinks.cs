using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Common;

public sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>Where people reach the app, for links in emails: "https://helsefellesskap.example.org".</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Secret for signing personal links (status, absence, change requests). At least 32 characters.</summary>
    public string SigningKey { get; set; } = "";

    public static IEnumerable<string> Problems(LinkOptions o)
    {
        foreach (var p in Settings.Required(Section, nameof(PublicBaseUrl), o.PublicBaseUrl))
        {
            yield return p;
        }

        if (!string.IsNullOrWhiteSpace(o.PublicBaseUrl)
            && (!Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return $"Setting {Settings.Name(Section, nameof(PublicBaseUrl))} must be an absolute http(s) URL (got '{o.PublicBaseUrl}').";
        }

        if (o.SigningKey.Length < 32)
        {
            yield return $"Setting {Settings.Name(Section, nameof(SigningKey))} must be at least 32 characters of secret.";
        }
    }
}

/// <summary>
/// Unguessable personal links: an HMAC over what the link is for, so nothing has to be stored to
/// check one, and a link made for one purpose never opens another.
/// </summary>
public sealed class SignedLinks(IOptions<LinkOptions> options)
{
    public string Token(string purpose, string subject)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(options.Value.SigningKey));
        var mac = hmac.ComputeHash(Encoding.UTF8.GetBytes($"{purpose}\n{subject}"));
        return Convert.ToBase64String(mac, 0, 24).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public bool IsValid(string purpose, string subject, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Token(purpose, subject)), Encoding.ASCII.GetBytes(token));

    /// <summary>An absolute URL under the public base URL.</summary>
    public string Absolute(string pathAndQuery) => options.Value.PublicBaseUrl.TrimEnd('/') + pathAndQuery;
}
