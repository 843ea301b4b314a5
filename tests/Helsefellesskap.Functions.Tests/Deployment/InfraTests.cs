using System.Diagnostics;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Deployment;

/// <summary>infra/ builds and lints clean with the Bicep CLI from NuGet (offline, no registry modules).</summary>
public sealed class InfraTests
{
    private static string Bicep
    {
        get
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var path = Path.Combine(packages, "azure.bicep.commandline.linux-x64", "0.49.2", "tools", "bicep");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            }

            return path;
        }
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Bicep) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(RepoPaths.Root, "infra") };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    public static TheoryData<string> Files => new()
    {
        "main.bicep", "main.bicepparam", "modules/functionapp.bicep", "modules/storage.bicep", "modules/keyvault.bicep",
        "modules/monitoring.bicep", "modules/roles.bicep", "modules/renderer.bicep",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void BicepFile_LintsWithoutWarnings(string file)
    {
        var (code, output) = Run("lint", file);
        Assert.True(code == 0 && !output.Contains("Warning", StringComparison.Ordinal) && !output.Contains("Error", StringComparison.Ordinal), output);
    }

    [Fact]
    public void MainBicep_Builds_ToAFlexConsumptionIsolatedWorkerApp_WithoutKeysInSettings()
    {
        var (code, output) = Run("build", "main.bicep", "--stdout");
        Assert.True(code == 0, output);
        Assert.Contains("\"FlexConsumption\"", output);
        Assert.Contains("\"name\": \"dotnet-isolated\"", output);
        Assert.Contains("\"version\": \"10.0\"", output);
        Assert.Contains("SystemAssigned", output);
        Assert.DoesNotContain("AccountKey=", output);
        Assert.DoesNotContain("listKeys(resourceId('Microsoft.Storage", output);
    }

    [Fact]
    public void Parameters_Build()
    {
        var (code, output) = Run("build-params", "main.bicepparam", "--stdout");
        Assert.True(code == 0, output);
        Assert.Contains("Helsefellesskap Helgeland", output);
    }

    [Fact]
    public void EveryTableTheAppUses_IsCreatedByTheInfrastructure()
    {
        var bicep = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));
        Assert.Equal(18, Functions.Storage.StorageNames.Tables.Count);
        Assert.All(Functions.Storage.StorageNames.Tables, table => Assert.Contains($"'{table}'", bicep));
    }
}
