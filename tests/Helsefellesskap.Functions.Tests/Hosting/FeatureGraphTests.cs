using Helsefellesskap.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Helsefellesskap.Functions.Tests.Hosting;

/// <summary>The feature folders form a graph without cycles: each can be read, tested and moved with the features below it only.</summary>
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
}
