using Helsefellesskap.Functions.Common;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Email;

/// <summary>Every email: templates, the outbox, and the sender (SendGrid, or .eml files in blob storage).</summary>
public static class EmailFeature
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        Settings.Add<EmailOptions>(services, EmailOptions.Section, EmailOptions.Problems);
        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<MailProviderAlert>();
        services.AddSingleton<OutboxLog>();
        services.AddSingleton<AttachmentContents>();
        services.AddSingleton<PendingMail>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSendGrid
            ? ActivatorUtilities.CreateInstance<SendGridSender>(sp)
            : ActivatorUtilities.CreateInstance<LocalOutboxSender>(sp));
        return services;
    }

    public static IEndpointRouteBuilder MapEmail(this IEndpointRouteBuilder app)
    {
        app.MapDevOutbox();
        return app;
    }
}
