using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Helsefellesskap.Functions.Tests.Hosting;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Deployment;

/// <summary>
/// The deployable zip (scripts/package.sh): the isolated worker published self-contained for linux-x64 with what the
/// Worker SDK writes (host.json, functions.metadata, worker.config.json), the templates and the presets; and the
/// unpacked package runs under the Functions host.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class PackageTests(AppFixture app) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hf-package-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Package(string zip)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "scripts", "package.sh"), zip]) { RedirectStandardOutput = true, RedirectStandardError = true };
        // ReadyToRun (ADR 0013) is one compiler switch on the same publish; without it the package is built in ~31 s instead of
        // ~86 s here, and its layout and its start under the host are what this test checks.
        start.Environment["PACKAGE_READY_TO_RUN"] = "false";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error.Result);
        return zip;
    }

    [Fact]
    public async Task Package_HasTheFunctionApp_AndRunsUnderTheHost()
    {
        var zip = Package(Path.Combine(folder, "app.zip"));
        var root = Path.Combine(folder, "root");
        using (var archive = ZipFile.OpenRead(zip))
        {
            var names = archive.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("host.json", names);
            Assert.Contains("worker.config.json", names);
            Assert.Contains("Helsefellesskap.Functions.dll", names);
            Assert.Contains("templates/layout.html.liquid", names);
            Assert.Contains("templates/print.css", names);
            Assert.Contains("communities/helgeland.yaml", names);
            var executable = archive.GetEntry("Helsefellesskap.Functions")!;
            var mode = (UnixFileMode)((executable.ExternalAttributes >> 16) & 0x1FF);
            Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"no run bit: {mode}");

            // Every function of the app, as the Worker SDK wrote them for the host.
            using var metadata = JsonDocument.Parse(await new StreamReader(archive.GetEntry("functions.metadata")!.Open()).ReadToEndAsync());
            var written = metadata.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order().ToList();
            Assert.Equal(RouteTableTests.Functions().Select(f => f.Name).Order().ToList(), written);
        }

        ZipFile.ExtractToDirectory(zip, root);
        var settings = AppFixture.SettingsOfAnother(app.Azurite.ConnectionString, "");
        await using var host = await FunctionsHost.Start(root, settings, app.Azurite.ConnectionString);
        using var form = await host.Http.GetAsync("/api/sak/ny");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Document templates read from " + Path.Combine(root, "templates"), host.Log, StringComparison.Ordinal);
    }
}
