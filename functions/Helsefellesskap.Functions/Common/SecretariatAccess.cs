using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Common;

public sealed class SecretariatOptions
{
    public const string Section = "Secretariat";

    /// <summary>The key the secretariat sends as x-functions-key (the Functions host's own header) on its calls.</summary>
    public string Key { get; set; } = "";

    /// <summary>Where the secretariat is told of escalations and change requests.</summary>
    public string Email { get; set; } = "";

    /// <summary>How the secretariat hears of new cases: each as it comes, a digest each morning of the day before, or not at all.</summary>
    public NewCaseNotices NewCases { get; set; } = NewCaseNotices.Each;

    public static IEnumerable<string> Problems(SecretariatOptions o)
    {
        if (o.Key.Length < 16)
        {
            yield return $"Setting {Settings.Name(Section, nameof(Key))} must be at least 16 characters.";
        }

        foreach (var p in Settings.Required(Section, nameof(Email), o.Email))
        {
            yield return p;
        }
    }
}

public enum NewCaseNotices
{
    Each,
    Daily,
    None,
}

public static class SecretariatAccess
{
    public const string Header = "x-functions-key";

    /// <summary>The mark on every route that needs the key (tests and the API description find them by it).</summary>
    public sealed class Required;

    /// <summary>Only callers with the secretariat key (header x-functions-key, or ?code= as the Functions host accepts) get through.</summary>
    public static TBuilder RequireSecretariat<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Required()).AddEndpointFilter(async (context, next) =>
        {
            if (!IsSecretariat(context.HttpContext))
            {
                return Problems.Status(StatusCodes.Status401Unauthorized, "Mangler gyldig nøkkel for sekretariatet",
                    $"Send sekretariatets nøkkel i headeren {Header}.");
            }

            return await next(context);
        });

    /// <summary>Whether the request carries the secretariat key (on a route open to everyone too).</summary>
    public static bool IsSecretariat(HttpContext http)
    {
        var expected = http.RequestServices.GetRequiredService<IOptions<SecretariatOptions>>().Value.Key;
        return KeyMatches(http.Request.Headers[Header].FirstOrDefault() ?? http.Request.Query["code"].FirstOrDefault(), expected);
    }

    /// <summary>Compares a key in constant time; an empty expected key matches nothing.</summary>
    public static bool KeyMatches(string? given, string expected) =>
        expected.Length > 0 && given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    /// <summary>Endpoints for trying the app by hand; outside Development they answer 404 as if absent.</summary>
    public static TBuilder DevelopmentOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment()
                ? await next(context)
                : Problems.Status(StatusCodes.Status404NotFound, Problems.TitleFor(404)));
}
