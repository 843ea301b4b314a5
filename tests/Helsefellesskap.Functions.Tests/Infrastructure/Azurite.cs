using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>
/// A real Azurite, from the repository's node_modules, on free ports, stopped with the test run: in
/// memory, or kept in a folder so it can be stopped and started again with its data.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process process;

    private Azurite(Process process, int blobPort, int queuePort, int tablePort, string? location)
    {
        this.process = process;
        Ports = [blobPort, queuePort, tablePort];
        Location = location;
        ConnectionString = ConnectionStringFor(blobPort, queuePort, tablePort);
    }

    private int[] Ports { get; }

    private string? Location { get; }

    /// <summary>Azurite's well-known development account on these loopback ports (nothing need listen there).</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey + ";" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    public string ConnectionString { get; }

    /// <summary>The Azurite process (a benchmark reads its CPU time).</summary>
    public int ProcessId => process.Id;

    public static Task<Azurite> Start() => Start(null, [FreePort(), FreePort(), FreePort()]);

    /// <summary>An Azurite that keeps its data in <paramref name="location"/> (a folder), so it can be stopped and <see cref="Restart"/>ed.</summary>
    public static Task<Azurite> StartKeepingDataIn(string location) => Start(location, [FreePort(), FreePort(), FreePort()]);

    /// <summary>
    /// Stops this Azurite (SIGINT, as a service stop): it closes its ports and keeps its data in its
    /// folder. Not SIGKILL: Azurite saves its tables every few seconds, so a kill would lose writes it
    /// had acknowledged, which Azure Storage never does.
    /// </summary>
    public void Stop()
    {
        if (!process.HasExited)
        {
            using var signal = Process.Start("kill", ["-INT", process.Id.ToString()]);
            signal.WaitForExit();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                throw new InvalidOperationException("Azurite did not stop on SIGINT.");
            }
        }
    }

    /// <summary>Starts Azurite again on the same ports with the data it kept.</summary>
    public Task<Azurite> Restart() =>
        Start(Location ?? throw new InvalidOperationException("An in-memory Azurite has nothing to restart with."), Ports);

    private static async Task<Azurite> Start(string? location, int[] ports)
    {
        var script = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing). Run 'npm ci' in {RepoPaths.Root}, or ./test.sh which does it.");
        }

        int blob = ports[0], queue = ports[1], table = ports[2];
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--silent", "--skipApiVersionCheck", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { blob, queue, table })
        {
            while (!await Accepts(port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite did not start on port {port}.");
                }

                await Task.Delay(100);
            }
        }

        return new Azurite(process, blob, queue, table, location);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<bool> Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
