namespace Helsefellesskap.Functions.Common;

/// <summary>Validation errors per field, in Norwegian, in the order they were found.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public IEnumerable<string> Fields => errors.Keys;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    public void AddRange(ValidationErrors other)
    {
        foreach (var (field, messages) in other.errors)
        {
            messages.ForEach(m => Add(field, m));
        }
    }

    /// <summary>Every message, field after field.</summary>
    public IEnumerable<string> Messages => errors.Values.SelectMany(m => m);

    /// <summary>The same messages under other field names: an action's errors shown on the screen's own fields.</summary>
    public ValidationErrors Renamed(Func<string, string> field)
    {
        var renamed = new ValidationErrors();
        foreach (var (name, messages) in errors)
        {
            messages.ForEach(m => renamed.Add(field(name), m));
        }

        return renamed;
    }

    public IReadOnlyList<string> For(string field) => errors.TryGetValue(field, out var list) ? list : [];

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
