namespace Helsefellesskap.Functions.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root: the folder holding Helsefellesskap.Functions.sln, above the test binaries.</summary>
    public static string Root { get; } = Find();

    public static string Functions => Path.Combine(Root, "functions");

    /// <summary>The function app's project folder (host.json beside it).</summary>
    public static string App => Path.Combine(Functions, "Helsefellesskap.Functions");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Helsefellesskap.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (Helsefellesskap.Functions.sln) above " + AppContext.BaseDirectory);
    }
}
