using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider on loopback (npm oidc-provider, run by node from the repository's
/// node_modules: identity-provider.mjs beside this file), standing in for Microsoft Entra ID.
/// </summary>
public sealed class IdentityProvider : IAsyncDisposable
{
    public const string ClientId = "helsefellesskap-test";
    public const string ClientSecret = "test-client-secret-0123456789abcdef";

    private readonly Process process;
    private readonly string configFile;
    private readonly StringBuilder output;

    private IdentityProvider(Process process, string configFile, StringBuilder output, int port)
    {
        this.process = process;
        this.configFile = configFile;
        this.output = output;
        Authority = $"http://127.0.0.1:{port}";
    }

    public string Authority { get; }

    public string Output { get { lock (output) { return output.ToString(); } } }

    /// <summary>A user the provider knows: the login typed on its page, the name and roles in the ID token.</summary>
    public sealed record User(string Login, string Name, string Email, IReadOnlyList<string> Roles);

    /// <summary>Starts the provider for a client whose callback is at <paramref name="appBaseUrl"/>/api/sekretariat/signin-oidc.</summary>
    public static async Task<IdentityProvider> Start(string appBaseUrl, params User[] users)
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "Helsefellesskap.Functions.Tests", "Infrastructure", "identity-provider.mjs");
        if (!Directory.Exists(Path.Combine(RepoPaths.Root, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed. Run 'npm ci' in {RepoPaths.Root}, or ./test.sh which does it.");
        }

        var port = Azurite.FreePort();
        var configFile = Path.Combine(Path.GetTempPath(), $"idp-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(configFile, JsonSerializer.Serialize(new
        {
            clientId = ClientId,
            clientSecret = ClientSecret,
            redirectUris = new[] { appBaseUrl + "/api/sekretariat/signin-oidc" },
            postLogoutRedirectUris = new[] { appBaseUrl + "/api/sekretariat/signout-oidc" },
            users = users.ToDictionary(u => u.Login, u => new { name = u.Name, email = u.Email, roles = u.Roles }),
        }));
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, port.ToString(), configFile },
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for the identity provider.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var provider = new IdentityProvider(process, configFile, output, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await Azurite.Accepts(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await provider.DisposeAsync();
                throw new InvalidOperationException($"The identity provider did not start on port {port}: {provider.Output}");
            }

            await Task.Delay(100);
        }

        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        File.Delete(configFile);
    }
}
