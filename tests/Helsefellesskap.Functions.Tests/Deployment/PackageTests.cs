using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Helsefellesskap.Functions.Tests.Hosting;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Deployment;

/// <summary>
/// The deployable zip (scripts/package.sh): the Functions root with every function.json, the app for
/// linux-x64 with its run bit, the templates; and the packaged app starts the way the host starts it.
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
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error.Result);
        return zip;
    }

    [Fact]
    public async Task Package_HasTheFunctionsRootAndTheApp_AndTheAppStartsLikeUnderTheHost()
    {
        var zip = Package(Path.Combine(folder, "app.zip"));
        var root = Path.Combine(folder, "root");
        using (var archive = ZipFile.OpenRead(zip))
        {
            var names = archive.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("host.json", names);
            Assert.Contains("templates/layout.html.liquid", names);
            Assert.Contains("templates/print.css", names);
            var executable = archive.GetEntry("app/Helsefellesskap.Functions")!;
            var mode = (UnixFileMode)((executable.ExternalAttributes >> 16) & 0x1FF);
            Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"no run bit: {mode}");

            // Every function folder of the source is in the package, and the host's executable path exists.
            var functions = Directory.GetDirectories(RepoPaths.Functions).Where(d => File.Exists(Path.Combine(d, "function.json"))).Select(Path.GetFileName).ToList();
            Assert.All(functions, f => Assert.Contains($"{f}/function.json", names));
            using var host = JsonDocument.Parse(await new StreamReader(archive.GetEntry("host.json")!.Open()).ReadToEndAsync());
            Assert.Contains(host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!, names);
        }

        ZipFile.ExtractToDirectory(zip, root);
        Assert.Equal(RouteTableTests.FunctionRoutes(RepoPaths.Functions), RouteTableTests.FunctionRoutes(root));

        // Started as the host starts it: from app/, with the port in FUNCTIONS_CUSTOMHANDLER_PORT and the app settings, nothing else.
        var port = Azurite.FreePort();
        var start = new ProcessStartInfo(Path.Combine(root, "app", "Helsefellesskap.Functions")) { WorkingDirectory = Path.Combine(root, "app"), RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        start.Environment["HOME"] = folder;
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        foreach (var (key, value) in AppFixture.Settings(app.Azurite.ConnectionString, $"http://127.0.0.1:{port}").Where(s => s.Key != "urls"))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Community__Definition"] = "";
        using var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        var stdout = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            log.AppendLine(e.Data);
            if (!string.IsNullOrEmpty(e.Data))
            {
                stdout.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => log.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? ready = null;
            for (var i = 0; i < 100 && ready is null; i++)
            {
                try
                {
                    ready = await http.GetAsync("/");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.True(ready?.StatusCode == HttpStatusCode.OK, log.ToString());
            var timer = new StringContent("""{"Data":{"timer":{"Schedule":{},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"CycleTicker","UtcNow":"2026-11-23T09:00:00Z","RandGuid":"9b0a8c4e-36f0-4a9f-8c1c-1a2b3c4d5e6f"}}}""", System.Text.Encoding.UTF8, "application/json");
            var answer = await http.PostAsync("/CycleTicker", timer);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            Assert.True(json.RootElement.TryGetProperty("Outputs", out _) && json.RootElement.TryGetProperty("Logs", out _) && json.RootElement.TryGetProperty("ReturnValue", out _), json.RootElement.ToString());
            Assert.Contains("Document templates read from " + Path.Combine(root, "templates"), log.ToString());

            // Under the host every entry is one JSON line with its level (warnings and errors go to stderr).
            Assert.NotEmpty(stdout);
            Assert.All(stdout, line =>
            {
                using var entry = JsonDocument.Parse(line);
                Assert.Contains(entry.RootElement.GetProperty("LogLevel").GetString(), new[] { "Information", "Debug", "Trace" });
            });
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
