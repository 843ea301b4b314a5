using System.Xml.Linq;
using Azure.Storage.Blobs.Models;
using Helsefellesskap.Functions.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>
/// The data-protection key ring in a private blob container, so every instance of the app reads the same
/// keys: a sign-in cookie or form token made by one instance is accepted by the others, and survives a
/// restart. One blob per key, never overwritten (the key manager only adds keys).
/// </summary>
public sealed class BlobKeyRepository(StorageClients storage) : IXmlRepository
{
    public const string Container = "dataprotection-keys";

    public IReadOnlyCollection<XElement> GetAllElements() => ReadAll().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => Store(element, friendlyName).GetAwaiter().GetResult();

    /// <summary>Reading writes nothing (every instance reads the ring at start): no container yet means no keys yet.</summary>
    private async Task<IReadOnlyCollection<XElement>> ReadAll()
    {
        var container = storage.BlobService.GetBlobContainerClient(Container);
        var elements = new List<XElement>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions()))
            {
                var content = await container.GetBlobClient(item.Name).DownloadContentAsync();
                elements.Add(XElement.Parse(content.Value.Content.ToString()));
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        return elements;
    }

    private async Task Store(XElement element, string friendlyName)
    {
        var container = await storage.Container(Container);
        var name = $"{(string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName)}.xml";
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)), overwrite: true);
    }
}
