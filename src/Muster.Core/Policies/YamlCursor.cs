using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Muster.Core.Policies;

/// <summary>
/// A position in a policy file's YAML tree: the node, its dotted field path and the file name, so
/// every complaint names file, line, column and field.
/// </summary>
internal readonly struct YamlCursor(string file, string path, YamlNode node)
{
    public string File { get; } = file;
    public string Path { get; } = path;
    public YamlNode Node { get; } = node;

    public PolicyException Error(string problem) =>
        new(File, (int)Node.Start.Line, (int)Node.Start.Column, Path, problem);

    public YamlMappingNode AsMapping() =>
        Node as YamlMappingNode ?? throw Error("expected a mapping (key: value lines)");

    public IEnumerable<YamlCursor> Items()
    {
        if (Node is not YamlSequenceNode seq)
        {
            throw Error("expected a list");
        }

        var i = 0;
        foreach (var child in seq.Children)
        {
            yield return new YamlCursor(File, $"{Path}[{i++}]", child);
        }
    }

    public IEnumerable<(string Key, YamlCursor Value)> Entries()
    {
        foreach (var (key, value) in AsMapping().Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            yield return (name, new YamlCursor(File, Join(name), value));
        }
    }

    public YamlCursor? Optional(string key)
    {
        var map = AsMapping();
        return map.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value)
            ? new YamlCursor(File, Join(key), value)
            : null;
    }

    public YamlCursor Required(string key) =>
        Optional(key) ?? throw Error($"'{key}' is required").WithField(Join(key));

    /// <summary>Refuses keys the language does not know: a typo must not silently drop a rule.</summary>
    public void OnlyKeys(params string[] allowed)
    {
        foreach (var (key, value) in AsMapping().Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new YamlCursor(File, Join(name), key).Error(
                    $"unknown field '{name}'; expected one of: {string.Join(", ", allowed)}");
            }
        }
    }

    public string String()
    {
        if (Node is not YamlScalarNode { Value: { } value } || value.Length == 0)
        {
            throw Error("expected a non-empty text");
        }

        return value;
    }

    public int Int(int min, int max)
    {
        if (Node is YamlScalarNode { Value: { } v } &&
            int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        throw Error($"expected a whole number from {min} to {max}");
    }

    public bool Bool()
    {
        if (Node is YamlScalarNode { Value: "true" or "false" } s)
        {
            return s.Value == "true";
        }

        throw Error("expected true or false");
    }

    public string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "~" or "null" or "" } s && s.Style == YamlDotNet.Core.ScalarStyle.Plain;
}

internal static class PolicyExceptionExtensions
{
    public static PolicyException WithField(this PolicyException e, string field) =>
        new(e.File, e.Line, e.Column, field, e.Problem);
}
