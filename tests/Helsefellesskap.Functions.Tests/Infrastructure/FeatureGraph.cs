using System.Reflection;
using System.Reflection.Emit;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>
/// Which feature folder of the app uses which, read from the compiled assembly: every type a type names in its
/// base types, fields, signatures, locals and the tokens of its method bodies (so a use inside a lambda, an
/// async method or a Razor component counts too). A feature is the namespace under
/// <c>Helsefellesskap.Functions</c> (one per folder).
/// </summary>
public static class FeatureGraph
{
    /// <summary>The namespace the app's features are under.</summary>
    public const string AppRoot = "Helsefellesskap.Functions.";

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>One use: the feature of the type that uses, the feature used, and an example pair of types.</summary>
    public sealed record Use(string From, string To, string Example);

    /// <summary>Every feature-to-feature use in the assembly, one example each.</summary>
    public static IReadOnlyList<Use> Uses(Assembly assembly, string root = AppRoot)
    {
        var uses = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            var from = Feature(type, root);
            if (from is null)
            {
                continue;
            }

            foreach (var used in Referenced(type).SelectMany(Expand).Where(t => t.Assembly == assembly).Distinct())
            {
                var to = Feature(used, root);
                if (to is not null && to != from)
                {
                    uses.TryAdd((from, to), $"{Name(type, root)} uses {Name(used, root)}");
                }
            }
        }

        return [.. uses.Select(u => new Use(u.Key.Item1, u.Key.Item2, u.Value)).OrderBy(u => u.From, StringComparer.Ordinal).ThenBy(u => u.To, StringComparer.Ordinal)];
    }

    /// <summary>The groups of features that use each other, directly or round a longer loop (strongly connected components of more than one).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyList<Use> uses)
    {
        var next = uses.GroupBy(u => u.From).ToDictionary(g => g.Key, g => g.Select(u => u.To).ToList());
        var nodes = uses.SelectMany(u => new[] { u.From, u.To }).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var found = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (stack.Contains(to))
                {
                    low[node] = Math.Min(low[node], index[to]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1)
                {
                    found.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return found;
    }

    /// <summary>The feature a type belongs to, or null for one outside the features (Program, generated code).</summary>
    public static string? Feature(Type type, string root = AppRoot)
    {
        var ns = type.Namespace;
        if (ns is null || !ns.StartsWith(root, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[root.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static string Name(Type type, string root) => type.FullName is { } full && full.StartsWith(root, StringComparison.Ordinal) ? full[root.Length..] : type.Name;

    private static IEnumerable<Type> Referenced(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var field in type.GetFields(Everything))
        {
            yield return field.FieldType;
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                yield return info.ReturnType;
            }

            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }

            foreach (var used in InBody(type, method))
            {
                yield return used;
            }
        }
    }

    /// <summary>The types of a method body's locals and of every type, method and field token in its IL.</summary>
    private static IEnumerable<Type> InBody(Type type, MethodBase method)
    {
        MethodBody? body;
        try
        {
            body = method.GetMethodBody();
        }
        catch (BadImageFormatException)
        {
            yield break;
        }

        if (body is null)
        {
            yield break;
        }

        foreach (var local in body.LocalVariables)
        {
            yield return local.LocalType;
        }

        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            short code = il[at++];
            if (code == 0xFE)
            {
                code = unchecked((short)(0xFE00 | il[at++]));
            }

            var operand = OperandTypes[code];
            if (operand is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, at);
                if (Resolve(method.Module, token, typeArguments, methodArguments) is { } member)
                {
                    foreach (var t in Types(member))
                    {
                        yield return t;
                    }
                }
            }

            at += operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }
    }

    private static MemberInfo? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static IEnumerable<Type> Types(MemberInfo member)
    {
        switch (member)
        {
            case Type t:
                yield return t;
                break;
            case MethodBase m:
                if (m.DeclaringType is { } declaring)
                {
                    yield return declaring;
                }

                if (m.IsGenericMethod)
                {
                    foreach (var argument in m.GetGenericArguments())
                    {
                        yield return argument;
                    }
                }

                break;
            case FieldInfo f:
                if (f.DeclaringType is { } owner)
                {
                    yield return owner;
                }

                yield return f.FieldType;
                break;
        }
    }

    /// <summary>A type with its element type and generic arguments, recursively.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()!))
            {
                yield return t;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            yield return type.GetGenericTypeDefinition();
            foreach (var t in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return t;
            }

            yield break;
        }

        yield return type;
    }
}
