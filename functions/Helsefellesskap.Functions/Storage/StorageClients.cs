using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Storage;

/// <summary>
/// The app's tables and blob containers. Each is created on first use and remembered, so a storage
/// account that is down at start-up does not stop the app: the next request tries again.
/// </summary>
public sealed class StorageClients
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> containers = new();

    /// <param name="policies">Extra steps in every storage request's pipeline; none in the app (tests inject faults with them).</param>
    public StorageClients(IOptions<StorageOptions> options, IEnumerable<HttpPipelinePolicy> policies)
    {
        var settings = options.Value;
        var tableOptions = new TableClientOptions();
        Configure(tableOptions.Retry);
        var blobOptions = new BlobClientOptions();
        Configure(blobOptions.Retry);
        foreach (var policy in policies)
        {
            tableOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
            blobOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }
        if (settings.UsesIdentity)
        {
            var identity = new Azure.Identity.DefaultAzureCredential();
            TableService = new TableServiceClient(new Uri(settings.TableServiceUri), identity, tableOptions);
            BlobService = new BlobServiceClient(new Uri(settings.BlobServiceUri), identity, blobOptions);
        }
        else
        {
            TableService = new TableServiceClient(settings.ConnectionString, tableOptions);
            BlobService = new BlobServiceClient(settings.ConnectionString, blobOptions);
        }
    }

    public TableServiceClient TableService { get; }

    public BlobServiceClient BlobService { get; }

    public Task<TableClient> Table(string name) =>
        Remember(tables, name, async () =>
        {
            var table = TableService.GetTableClient(name);
            await table.CreateIfNotExistsAsync();
            return table;
        });

    public Task<BlobContainerClient> Container(string name, PublicAccessType access = PublicAccessType.None) =>
        Remember(containers, name, async () =>
        {
            var container = BlobService.GetBlobContainerClient(name);
            await container.CreateIfNotExistsAsync(access);
            return container;
        });

    private static async Task<T> Remember<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string name, Func<Task<T>> create)
    {
        var lazy = cache.GetOrAdd(name, _ => new Lazy<Task<T>>(create));
        try
        {
            return await lazy.Value;
        }
        catch (RequestFailedException)
        {
            cache.TryRemove(KeyValuePair.Create(name, lazy));
            throw;
        }
        catch (HttpRequestException)
        {
            cache.TryRemove(KeyValuePair.Create(name, lazy));
            throw;
        }
    }

    private static void Configure(RetryOptions retry)
    {
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }
}

/// <summary>Names of the tables and containers, in one place.</summary>
public static class StorageNames
{
    public const string Bodies = "Bodies";
    public const string Members = "Members";
    public const string Meetings = "Meetings";
    public const string Cases = "Cases";
    public const string Counters = "Counters";
    public const string IdempotencyKeys = "IdempotencyKeys";
    public const string Outbox = "Outbox";
    public const string Agendas = "Agendas";
    public const string Cycles = "Cycles";
    public const string CycleSteps = "CycleSteps";
    public const string CycleDue = "CycleDue";
    public const string Absences = "Absences";
    public const string Minutes = "Minutes";
    public const string Publications = "Publications";

    /// <summary>The cases of each meeting: partition = meeting id, row = case id (Cases/CaseStore).</summary>
    public const string CasesByMeeting = "CasesByMeeting";

    /// <summary>Who did what in the workspace (Workspace/AuditTrail).</summary>
    public const string Audit = "Audit";

    /// <summary>The annual reports: partition "annual", row = year (Reports/AnnualReports).</summary>
    public const string Reports = "Reports";

    /// <summary>The roster each meeting was summoned with: partition "roster", row = meeting id (Meetings/MeetingStore).</summary>
    public const string Rosters = "Rosters";

    /// <summary>Every table the app uses; infra/main.bicep creates the same list.</summary>
    public static readonly IReadOnlyList<string> Tables = [Bodies, Members, Meetings, Cases, Counters, IdempotencyKeys, Outbox, Agendas, Cycles, CycleSteps, CycleDue, Absences, Minutes, Publications, CasesByMeeting, Audit, Reports, Rosters];

    public const string AttachmentsContainer = "attachments";
    public const string OutboxContainer = "outbox";

    /// <summary>Emails too large for a table column (64 KiB), kept as JSON beside their outbox row.</summary>
    public const string OutboxMessagesContainer = "outbox-messages";
    public const string PublicContainer = "public";
}

public static class StorageErrors
{
    public static bool IsConflict(this RequestFailedException e) => e.Status == 409;

    /// <summary>
    /// Storage could not be reached or is failing (no answer, 5xx, or the SDK's retries all ran out):
    /// the caller should be told to try again (503), not that the app is broken.
    /// </summary>
    public static bool IsOutage(Exception e) => e switch
    {
        RequestFailedException r => r.Status is 0 or >= 500,
        HttpRequestException or System.Net.Sockets.SocketException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsOutage),
        _ => false,
    };

    public static bool IsPreconditionFailed(this RequestFailedException e) => e.Status == 412;
}
