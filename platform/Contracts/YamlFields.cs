using System.Globalization;
using System.Text.RegularExpressions;
using Semver;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts;

/// <summary>
/// The fields of one YAML mapping, read by name. Each getter reports what is wrong with its field at the
/// field's line; <see cref="HasErrors"/> tells the caller not to build a half-read element.
/// Required getters return an empty value after reporting, so callers need no null checks.
/// </summary>
internal sealed partial class YamlFields
{
    private readonly DefinitionReader reader;
    private readonly YamlMappingNode mapping;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> fields = [];
    private int errorCount;

    public YamlFields(DefinitionReader reader, YamlMappingNode mapping, string path, IReadOnlyList<string> known)
    {
        this.reader = reader;
        this.mapping = mapping;
        Path = path;
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                errorCount++;
                reader.Error(key, path, "a field name must be plain text");
            }
            else if (!known.Contains(name))
            {
                errorCount++;
                reader.Error(key, PathOf(name), $"unknown field; expected one of {string.Join(", ", known)}");
            }
            else
            {
                fields[name] = (key, value);
            }
        }
    }

    public string Path { get; }

    /// <summary>Whether a problem was reported for this mapping's own fields (not those of nested elements read separately).</summary>
    public bool HasErrors => errorCount > 0;

    public DefinitionReader Reader => reader;

    public DefinitionSource Source => new(Path, reader.LocationOf(mapping), fields.ToDictionary(f => f.Key, f => reader.LocationOf(f.Value.Key)));

    public string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public bool Has(string name) => fields.ContainsKey(name);

    public void Error(string name, string reason)
    {
        errorCount++;
        reader.Error(fields.TryGetValue(name, out var field) ? field.Key : mapping, PathOf(name), reason);
    }

    /// <summary>Reports <paramref name="name"/> when present: for fields that depend on another field's value.</summary>
    public void Forbid(string name, string reason)
    {
        if (Has(name))
        {
            Error(name, reason);
        }
    }

    public YamlNode? Node(string name, bool required)
    {
        if (fields.TryGetValue(name, out var field) && !IsNull(field.Value))
        {
            return field.Value;
        }

        if (required)
        {
            Error(name, "is required");
        }

        return null;
    }

    /// <summary>The field's value node as written, a null scalar included; null only when the field is absent.</summary>
    public YamlNode? Raw(string name) => fields.TryGetValue(name, out var field) ? field.Value : null;

    public string Text(string name) => ReadText(name, required: true) ?? "";

    public string? OptionalText(string name) => ReadText(name, required: false);

    private string? ReadText(string name, bool required)
    {
        var node = Node(name, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } value })
        {
            return value;
        }

        Error(name, $"expected text, found {Describe(node)}");
        return null;
    }

    /// <summary>A value that must be one of <paramref name="allowed"/>, exactly as written there.</summary>
    public string? OneOf(string name, IReadOnlyList<string> allowed, bool required)
    {
        var value = ReadText(name, required);
        if (value is not null && !allowed.Contains(value))
        {
            Error(name, $"'{value}' is not one of {string.Join(", ", allowed)}");
            return null;
        }

        return value;
    }

    /// <summary>An enum member, written in the files in camel case (<c>active</c>, <c>confidential</c>).</summary>
    public TEnum? Choice<TEnum>(string name, bool required)
        where TEnum : struct, Enum
    {
        var names = Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]).ToList();
        var value = OneOf(name, names, required);
        return value is null ? null : Enum.GetValues<TEnum>()[names.IndexOf(value)];
    }

    public bool Boolean(string name)
    {
        var value = ReadText(name, required: false);
        switch (value)
        {
            case null or "false":
                return false;
            case "true":
                return true;
            default:
                Error(name, $"'{value}' is not true or false");
                return false;
        }
    }

    public decimal? Number(string name)
    {
        var value = ReadText(name, required: false);
        if (value is null)
        {
            return null;
        }

        if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Error(name, $"'{value}' is not a number");
        return null;
    }

    /// <summary>A whole number of any sign (a port, an offset).</summary>
    public long? Integer(string name)
    {
        var number = Number(name);
        if (number is null)
        {
            return null;
        }

        if (number != decimal.Truncate(number.Value) || number > long.MaxValue || number < long.MinValue)
        {
            Error(name, $"'{number}' is not a whole number");
            return null;
        }

        return (long)number;
    }

    /// <summary>The standards' stable technical <c>id</c>: letters, digits, '-' and '_' only.</summary>
    public string? StableId(string name)
    {
        var value = OptionalText(name);
        if (value is not null && !StableIdPattern().IsMatch(value))
        {
            Error(name, $"'{value}' is not a stable id (letters, digits, '-' and '_' only)");
            return null;
        }

        return value;
    }

    public int? Count(string name)
    {
        var number = Number(name);
        if (number is null)
        {
            return null;
        }

        if (number < 0 || number != decimal.Truncate(number.Value) || number > int.MaxValue)
        {
            Error(name, $"'{number}' is not a whole number of zero or more");
            return null;
        }

        return (int)number;
    }

    /// <summary>A semantic version, strictly MAJOR.MINOR.PATCH (no leading <c>v</c>), so versions compare reliably.</summary>
    public SemVersion Version(string name)
    {
        var value = ReadText(name, required: true);
        if (value is null)
        {
            return new SemVersion(0);
        }

        if (SemVersion.TryParse(value, SemVersionStyles.Strict, out var version))
        {
            return version;
        }

        Error(name, $"'{value}' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)");
        return new SemVersion(0);
    }

    /// <summary>An identifier other files refer to: lower-case words joined by dots, dashes or underscores.</summary>
    public string Identifier(string name)
    {
        var value = Text(name);
        if (value.Length > 0 && !IdentifierPattern().IsMatch(value))
        {
            Error(name, $"'{value}' is not an identifier (lower-case letters, digits, '.', '-', '_', e.g. hr.employees)");
        }

        return value;
    }

    public IReadOnlyList<string> Texts(string name)
    {
        var node = Node(name, required: false);
        switch (node)
        {
            case null:
                return [];
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                return sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList();
            default:
                Error(name, $"expected a list of text, found {Describe(node)}");
                return [];
        }
    }

    /// <summary>
    /// Reads each entry of a list with <paramref name="read"/>, which gets the entry and its field path
    /// (<c>name[i]</c>) and returns null for an entry it reported as broken.
    /// </summary>
    public IReadOnlyList<T> Items<T>(string name, bool required, Func<YamlNode, string, T?> read)
        where T : class
    {
        var node = Node(name, required);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(name, $"expected a list, found {Describe(node)}");
            return [];
        }

        if (required && sequence.Children.Count == 0)
        {
            Error(name, "needs at least one entry");
        }

        var items = new List<T>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (read(sequence.Children[i], $"{PathOf(name)}[{i}]") is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    public YamlFields? Mapping(string name, IReadOnlyList<string> known, bool required)
    {
        var node = Node(name, required);
        return node is null ? null : reader.Mapping(node, PathOf(name), known);
    }

    internal static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };

    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" };

    [GeneratedRegex("^[a-z0-9]+([._-][a-z0-9]+)*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex StableIdPattern();
}
