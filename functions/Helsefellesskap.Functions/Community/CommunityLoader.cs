using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Community;

/// <summary>
/// Puts a community definition into storage: every body, person and meeting that is missing is added;
/// nothing that exists is changed, so loading the same file at every start is harmless and what the
/// secretariat changed afterwards stays. Meetings are planned from today for this year and the next.
/// </summary>
public sealed class CommunityLoader(MeetingStore store, IMeetingCycle cycles, TimeProvider clock, ILogger<CommunityLoader> log)
{
    public async Task<int> Load(CommunityDefinition definition, CancellationToken ct = default)
    {
        var added = 0;
        foreach (var b in definition.Bodies)
        {
            added += await store.AddBody(b.Body, ct) ? 1 : 0;
            foreach (var member in b.Members)
            {
                added += await store.AddMember(member, ct) ? 1 : 0;
            }
        }

        var now = clock.GetUtcNow();
        var today = Oslo.Today(clock);
        foreach (var b in definition.Bodies)
        {
            var body = await store.FindBody(b.Body.Code, ct) ?? b.Body;
            // Next year's meetings go on the plan now, before their year starts, and the compliance timeline
            // says so; when this year's came on the plan the file cannot tell (it may have been adopted long ago).
            var meetings = b.MeetingsIn(today.Year).Concat(b.MeetingsIn(today.Year + 1).Select(m => m with { AddedAt = now }));
            foreach (var meeting in meetings.Where(m => m.Date >= today))
            {
                added += await store.AddMeeting(meeting, ct) ? 1 : 0;
                if (await store.FindMeeting(meeting.Id, ct) is { Status: MeetingStatus.Planned } stored)
                {
                    await cycles.Planned(stored, body, ct);
                }
            }
        }

        log.LogInformation("Community definition {Name} loaded: {Added} new rows", definition.Name, added);
        return added;
    }
}

/// <summary>
/// Where the community definition is: the setting as an absolute path, or a relative one
/// ("communities/helgeland.yaml") found from the working folder, or from the app's folder or one above
/// it (the package keeps communities/ beside app/, as it keeps templates/).
/// </summary>
public static class CommunityDefinitionFile
{
    public static string? Resolve(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }

        if (Path.IsPathRooted(setting) || File.Exists(setting))
        {
            return setting;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, setting);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return setting;
    }
}

public static class CommunityFeature
{
    public static IServiceCollection AddCommunity(this IServiceCollection services)
    {
        services.AddSingleton<CommunityLoader>();
        services.AddSingleton<RosterChanges>();
        services.AddHostedService<CommunityStartup>();
        return services;
    }

    public static IEndpointRouteBuilder MapCommunity(this IEndpointRouteBuilder app)
    {
        app.MapBodies();
        return app;
    }
}

/// <summary>
/// At start, the definition named by Community__Definition is read (a problem stops the start, naming
/// file, line and field); it is loaded into storage once the server listens, so the first answer does not
/// wait for it (<see cref="Common.Readiness"/> says when it is done; if storage is down the app runs anyway
/// and says so, and the next start loads it).
/// </summary>
internal sealed class CommunityStartup(IOptions<CommunityOptions> options, CommunityLoader loader, Common.Readiness readiness, IHostApplicationLifetime lifetime, ILogger<CommunityStartup> log) : IHostedService
{
    private Task loading = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (CommunityDefinitionFile.Resolve(options.Value.Definition) is not { } path)
        {
            log.LogInformation("No community definition (Community__Definition); bodies and people are set up through the API");
            return Task.CompletedTask;
        }

        var definition = CommunityDefinitionReader.Read(path);
        if (options.Value.BodiesToLoad is { Count: > 0 } only)
        {
            var unknown = only.Where(code => definition.Bodies.All(b => b.Body.Code != code)).ToList();
            if (unknown.Count > 0)
            {
                throw new CommunityDefinitionException([$"{path}: Community__DefinitionBodies nevner utvalg som ikke finnes i filen: {string.Join(", ", unknown)}."]);
            }

            definition = definition with { Bodies = definition.Bodies.Where(b => only.Contains(b.Body.Code)).ToList() };
        }

        readiness.Loading();
        lifetime.ApplicationStarted.Register(() => loading = Task.Run(() => Load(definition, path, lifetime.ApplicationStopping)));
        return Task.CompletedTask;
    }

    private async Task Load(CommunityDefinition definition, string path, CancellationToken ct)
    {
        var loaded = false;
        try
        {
            await loader.Load(definition, ct);
            loaded = true;
            log.LogInformation("Community definition {Path} loaded", path);
        }
        catch (Exception e)
        {
            // Nobody awaits this task: whatever went wrong is said here, and health reports it.
            log.LogError(e, "Loading the community definition {Path} failed: is storage reachable? It is loaded again at the next start", path);
        }
        finally
        {
            readiness.Finished(loaded);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => loading.WaitAsync(cancellationToken);
}
