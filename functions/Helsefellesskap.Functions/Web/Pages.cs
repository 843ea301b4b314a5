using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Web;

/// <summary>Pages are Razor components rendered on the server (no JavaScript needed), returned from the endpoints.</summary>
public static class Pages
{
    public static RazorComponentResult Render<TComponent>(object? parameters = null, int statusCode = StatusCodes.Status200OK)
        where TComponent : IComponent =>
        new RazorComponentResult<TComponent>(parameters ?? new { }) { StatusCode = statusCode, ContentType = "text/html; charset=utf-8" };

    /// <summary>A page that only tells something (<see cref="MessagePage"/>).</summary>
    public static RazorComponentResult Message(string title, string heading, string text, int statusCode = StatusCodes.Status200OK, bool error = false, string? linkUrl = null, string? linkText = null) =>
        Render<MessagePage>(new { Title = title, Heading = heading, Text = text, Error = error, LinkUrl = linkUrl, LinkText = linkText }, statusCode);

    /// <summary>After a form is posted: 303, so the browser gets the next page and a reload does not post again.</summary>
    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed record SeeOtherResult(string Location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = Location;
            return Task.CompletedTask;
        }
    }
}

/// <summary>The one stylesheet (Web/site.css, embedded in the app), served under the Functions route prefix.</summary>
public static class Stylesheet
{
    public const string Path = "/api/ressurser/site.css";

    private static readonly string Css = EmbeddedText.Read("site.css");

    public static void MapStylesheet(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Text(Css, "text/css; charset=utf-8");
        });
}

/// <summary>A text file embedded in the app (the stylesheet, the workspace's one script).</summary>
public static class EmbeddedText
{
    public static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
