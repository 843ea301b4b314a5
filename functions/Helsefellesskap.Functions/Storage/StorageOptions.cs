using Azure.Data.Tables;
using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Storage;

/// <summary>
/// Where tables and blobs live: a connection string (Azurite locally), or, in Azure, the service URIs
/// of the data storage account reached with the app's managed identity, so no key sits in a setting.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>A storage connection string; "UseDevelopmentStorage=true" is Azurite on its default ports.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>"https://{account}.blob.core.windows.net", used with the managed identity when no connection string is set.</summary>
    public string BlobServiceUri { get; set; } = "";

    /// <summary>"https://{account}.table.core.windows.net".</summary>
    public string TableServiceUri { get; set; } = "";

    public bool UsesIdentity => string.IsNullOrWhiteSpace(ConnectionString);

    public static IEnumerable<string> Problems(StorageOptions o)
    {
        if (o.UsesIdentity)
        {
            if (string.IsNullOrWhiteSpace(o.BlobServiceUri) && string.IsNullOrWhiteSpace(o.TableServiceUri))
            {
                return [$"Setting {Settings.Name(Section, nameof(ConnectionString))} is missing (or set {Section}__{nameof(BlobServiceUri)} and {Section}__{nameof(TableServiceUri)} to use the managed identity)."];
            }

            return new[] { (nameof(BlobServiceUri), o.BlobServiceUri), (nameof(TableServiceUri), o.TableServiceUri) }
                .Where(p => !Uri.TryCreate(p.Item2, UriKind.Absolute, out var u) || u.Scheme != "https")
                .Select(p => $"Setting {Settings.Name(Section, p.Item1)} must be the https URI of the storage service (got '{p.Item2}').");
        }

        try
        {
            _ = new TableServiceClient(o.ConnectionString);
            return [];
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return [$"Setting {Settings.Name(Section, nameof(ConnectionString))} is not a valid storage connection string: {e.Message}"];
        }
    }
}
