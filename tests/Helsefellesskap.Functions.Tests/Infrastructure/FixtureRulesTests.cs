using System.Reflection;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>Rules the tests keep so that none can leak state into another.</summary>
public sealed class FixtureRulesTests
{
    private static IEnumerable<Type> AppHostedTests => typeof(AppFixture).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes<CollectionAttribute>().Any() && t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(AppFixture))));

    [Fact]
    public void EveryAppHostedTestClass_StartsEachTestOnItsOwnTime()
    {
        Assert.NotEmpty(AppHostedTests);
        Assert.All(AppHostedTests, t => Assert.True(t.GetCustomAttribute<OwnTimeAttribute>() is not null, $"{t.Name} shares the app but does not reset its clock: add [OwnTime]."));
    }

    [Fact]
    public void TheTestTree_MirrorsTheSourceTree()
    {
        var source = Directory.GetDirectories(Path.Combine(RepoPaths.Functions, "Helsefellesskap.Functions")).Select(Path.GetFileName).ToHashSet();
        var tests = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "tests", "Helsefellesskap.Functions.Tests")).Select(Path.GetFileName)
            .Except(["bin", "obj", "Infrastructure", "Deployment"]); // Deployment tests infra/ and scripts/, outside the app
        Assert.All(tests, folder => Assert.True(source.Contains(folder), $"tests/{folder} has no functions/Helsefellesskap.Functions/{folder}."));
    }
}
