using CsCheck;
using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Tests.Web;

/// <summary>Paging of a short list read whole (a body's meeting plan, its roster): every item once, in order, whatever happens between pages.</summary>
public sealed class PagingTests
{
    private static readonly Gen<string> Part = Gen.String[Gen.Char["aæøåAZ09- "], 0, 4];

    /// <summary>
    /// Any list of keys (several parts, some empty, some a prefix of another), any page size, and items
    /// removed or added between pages: following the continuations gives every item that stayed
    /// throughout exactly once, in the ordinal order of the keys, and nothing twice.
    /// </summary>
    [Fact]
    public void FollowingTheContinuations_GivesEveryItemOnceInOrder_EvenIfTheListChangesBetweenPages()
    {
        var keys = Gen.Select(Part, Part, Part, (a, b, c) => Paging.Key(a, b, c)).HashSet[0, 30];
        Gen.Select(keys, keys, Gen.Int[1, 7]).Sample((start, added, limit) =>
        {
            var items = start.ToList();
            var removed = new HashSet<string>();
            var seen = new List<string>();
            string? continuation = null;
            var pages = 0;
            do
            {
                var (page, next) = Paging.Of(items, k => k, limit, continuation)!.Value;
                Assert.True(page.Count <= limit);
                Assert.True(next is null || page.Count == limit);
                seen.AddRange(page);
                continuation = next;

                // Between pages someone removes an item and adds another.
                if (items.Count > 0)
                {
                    removed.Add(items[pages % items.Count]);
                    items.RemoveAt(pages % items.Count);
                }

                if (added.ElementAtOrDefault(pages) is { } extra && !items.Contains(extra))
                {
                    items.Add(extra);
                }

                pages++;
            }
            while (continuation is not null);

            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
            var stayed = start.Where(k => !removed.Contains(k));
            Assert.All(stayed, k => Assert.Contains(k, seen));
        }, iter: 2000);
    }

    [Fact]
    public void AKeyPart_SortsBeforeALongerPartItBegins()
    {
        Assert.True(string.CompareOrdinal(Paging.Key("a", "z"), Paging.Key("ab", "a")) < 0);
        Assert.True(string.CompareOrdinal(Paging.Key("01", "", "x"), Paging.Key("01", "000001", "a")) < 0);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("cDE6")]
    [InlineData("%%%")]
    [InlineData("a b")]
    public void AContinuationThisDidNotGive_IsRefused(string continuation) =>
        Assert.Null(Paging.Of(["a", "b"], k => k, 1, continuation));
}
