namespace Helsefellesskap.Functions.Tests.Infrastructure.GraphSamples.Low;

/// <summary>A feature the sample <see cref="High.Screen"/> uses only inside a lambda in an async method.</summary>
internal static class Numbers
{
    public static int Twice(int n) => 2 * n;
}
