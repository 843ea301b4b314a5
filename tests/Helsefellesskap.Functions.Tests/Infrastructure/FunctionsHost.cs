using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>
/// The real Azure Functions host (<c>func start</c>) running the app's build output as its isolated worker, on a free
/// loopback port against the test's Azurite: Core Tools' <c>func</c> if it is on PATH (or named by FUNCTIONS_HOST_FUNC),
/// else the host built from source in <c>../shared/functions-host/</c> (its README). Stopped with SIGINT, as Ctrl-C.
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> log = new();
    private readonly Stopwatch sinceStart = Stopwatch.StartNew();

    private FunctionsHost(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>The <c>func</c> launcher's process (the host runs below it, the worker below the host).</summary>
    public int Pid => process.Id;

    public string Log => string.Join('\n', log);

    /// <summary>The app's build output beside the tests' own (same configuration): host.json, functions.metadata, worker.config.json.</summary>
    public static string AppOutput
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(RepoPaths.App, "bin", configuration, "net10.0");
        }
    }

    /// <summary>The <c>func</c> to start: FUNCTIONS_HOST_FUNC, Core Tools on PATH, or ../shared/functions-host/func.</summary>
    public static string Launcher()
    {
        var named = Environment.GetEnvironmentVariable("FUNCTIONS_HOST_FUNC");
        if (!string.IsNullOrEmpty(named))
        {
            return named;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "func")).FirstOrDefault(File.Exists);
        var shared = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "functions-host", "func"));
        return onPath ?? (File.Exists(shared)
            ? shared
            : throw new InvalidOperationException($"No Functions host: install Azure Functions Core Tools (func on PATH), set FUNCTIONS_HOST_FUNC, or put the host built from source at {shared}."));
    }

    /// <summary>
    /// Starts the host on <paramref name="scriptRoot"/> with these app settings (":" nesting) and waits until /api/health
    /// answers; on <paramref name="port"/> if given (a free one otherwise), in Development unless said.
    /// </summary>
    public static async Task<FunctionsHost> Start(string scriptRoot, IDictionary<string, string?> settings, string storage, int? port = null, string environment = "Development")
    {
        port ??= Azurite.FreePort();
        var start = new ProcessStartInfo(Launcher(), ["start", "--port", port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "--script-root", scriptRoot])
        {
            WorkingDirectory = scriptRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings.Where(s => s.Key != "urls"))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["AzureWebJobsStorage"] = storage;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Links__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        var host = new FunctionsHost(Process.Start(start)!, $"http://127.0.0.1:{port}");
        host.process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();

        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (host.process.HasExited)
            {
                throw new InvalidOperationException($"The Functions host exited with {host.process.ExitCode}:\n{host.Log}");
            }

            try
            {
                using var health = await host.Http.GetAsync("/api/health");
                if (health.IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"The Functions host did not answer /api/health within 90 s:\n{host.Log}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            // Seconds since the launcher was started: where a slow start or stop spent its time.
            log.Enqueue(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sinceStart.Elapsed.TotalSeconds,7:0.000} {line}"));
        }
    }

    /// <summary>The processes below the launcher (host, worker, Chromium …), by parent id, at this moment.</summary>
    public IReadOnlyList<int> Descendants() => Processes.Below(process.Id);

    /// <summary>kill -9 of the launcher, the host and the worker (and Chromium) at once.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    /// <summary>Stops the host as Ctrl-C does and waits for it (and its worker) to end.</summary>
    public async Task Stop()
    {
        if (!process.HasExited)
        {
            using var signal = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await signal.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Stop();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        Http.Dispose();
        process.Dispose();
    }
}

/// <summary>Processes as /proc shows them.</summary>
public static class Processes
{
    public static IReadOnlyList<int> Below(int root)
    {
        var parents = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsAsciiDigit))
            .Select(d => int.Parse(d!, System.Globalization.CultureInfo.InvariantCulture))
            .Select(pid => (Pid: pid, Parent: ParentOf(pid))).Where(p => p.Parent is not null).ToList();
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var (pid, _) in parents.Where(p => p.Parent == next))
            {
                found.Add(pid);
                queue.Enqueue(pid);
            }
        }

        return found;
    }

    public static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether the process runs Chromium (a process that has ended, or is only waiting to be reaped, has no command line).</summary>
    public static bool IsChromium(int pid) => CommandLine(pid).Contains("chromium", StringComparison.Ordinal);

    /// <summary>The command line of a running process, or "" once it has ended.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline")).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }
}
