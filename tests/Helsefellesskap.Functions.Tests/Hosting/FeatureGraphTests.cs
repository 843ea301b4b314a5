using Helsefellesskap.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Helsefellesskap.Functions.Tests.Hosting;

/// <summary>The app's shape: feature folders in a graph without cycles (each can be read, tested and moved with the features below it only), and files short enough to read.</summary>
public sealed class FeatureGraphTests(ITestOutputHelper output)
{
    private static readonly System.Reflection.Assembly App = typeof(Functions.Documents.PdfRenderer).Assembly;

    [Fact]
    public void Features_UseEachOther_WithoutCycles()
    {
        var uses = FeatureGraph.Uses(App);
        foreach (var use in uses)
        {
            output.WriteLine($"{use.From} -> {use.To}   ({use.Example})");
        }

        var cycles = FeatureGraph.Cycles(uses);
        var explained = cycles.Select(c => string.Join(", ", c) + ":\n    " + string.Join("\n    ", uses.Where(u => c.Contains(u.From) && c.Contains(u.To)).Select(u => $"{u.From} -> {u.To} ({u.Example})")));
        Assert.True(cycles.Count == 0, "Features that use each other:\n" + string.Join("\n", explained));
    }

    [Fact]
    public void TheGraph_SeesAUseOnlyInsideALambdaInAnAsyncMethod()
    {
        // Screens call slices inside async methods and lambdas; the graph must see through the compiler's state
        // machines and closures, or a cycle could hide there.
        var uses = FeatureGraph.Uses(typeof(FeatureGraphTests).Assembly, "Helsefellesskap.Functions.Tests.Infrastructure.GraphSamples.");
        var use = Assert.Single(uses);
        Assert.Equal(("High", "Low"), (use.From, use.To));
    }

    [Fact]
    public void Cycles_AreFound_RoundALongerLoop()
    {
        var uses = new[] { new FeatureGraph.Use("A", "B", ""), new FeatureGraph.Use("B", "C", ""), new FeatureGraph.Use("C", "A", ""), new FeatureGraph.Use("C", "D", "") };
        var cycle = Assert.Single(FeatureGraph.Cycles(uses));
        Assert.Equal(["A", "B", "C"], cycle);
        Assert.Empty(FeatureGraph.Cycles(uses[..2]));
    }

    [Fact]
    public void NoAppSourceFile_IsOver250Lines()
    {
        // A file that grows past this is two topics: split it by topic (a partial class per topic is fine).
        const int Limit = 250;
        var app = Path.Combine(RepoPaths.Functions, "Helsefellesskap.Functions");
        var tooLong = Directory.EnumerateFiles(app, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(app, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > Limit)
            .ToList();
        Assert.True(tooLong.Count == 0, "Over " + Limit + " lines: " + string.Join(", ", tooLong.Select(f => $"{f.File} ({f.Lines})")));
    }
}
