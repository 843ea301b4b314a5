using Azure.Data.Tables;
using Helsefellesskap.Functions.Hosting;

namespace Helsefellesskap.Functions.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>A storage connection string; "UseDevelopmentStorage=true" is Azurite on its default ports.</summary>
    public string ConnectionString { get; set; } = "";

    public static IEnumerable<string> Problems(StorageOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            return Settings.Required(Section, nameof(ConnectionString), o.ConnectionString);
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
