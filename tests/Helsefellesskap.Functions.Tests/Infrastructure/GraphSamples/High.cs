namespace Helsefellesskap.Functions.Tests.Infrastructure.GraphSamples.High;

/// <summary>Uses <see cref="Low"/> in no signature and no field: only inside a lambda in an async method.</summary>
internal static class Screen
{
    public static async Task<int> Sum(IEnumerable<int> values)
    {
        await Task.Yield();
        return values.Select(v => Low.Numbers.Twice(v)).Sum();
    }
}
