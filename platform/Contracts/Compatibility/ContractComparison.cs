using System.Globalization;

namespace DataMesh.Contracts.Compatibility;

/// <summary>
/// Every difference between two versions of one contract, each with its path and why it matters. The rule
/// behind <see cref="ChangeKind.Breaking"/>: an event valid under the previous version must stay valid under
/// the next (consumers and stored events keep working), and no promise (classification, freshness, latency,
/// retention, where the data is served) may get weaker.
/// </summary>
public static class ContractComparison
{
    private static readonly string[] DelayPromises = ["freshness", "latency"];
    private const string RetentionPromise = "retention";

    /// <exception cref="ArgumentException">The two contracts have different ids.</exception>
    public static IReadOnlyList<ContractChange> Compare(DataContract previous, DataContract next)
    {
        if (previous.Id != next.Id)
        {
            throw new ArgumentException($"Contract {next.Id} is not a version of contract {previous.Id}.", nameof(next));
        }

        var changes = new List<ContractChange>();
        CompareText(changes, "domain", previous.Domain, next.Domain, ChangeKind.Breaking, "the contract moved to another domain");
        CompareText(changes, "dataProduct", previous.DataProduct, next.DataProduct, ChangeKind.Breaking, "the contract moved to another data product");
        CompareText(changes, "status", previous.Status.ToString().ToLowerInvariant(), next.Status.ToString().ToLowerInvariant(), ChangeKind.Editorial, "status changed");
        CompareDescription(changes, "description", previous.Description, next.Description);
        CompareSchema(changes, previous.Schema, next.Schema);
        CompareSla(changes, previous, next);
        CompareServers(changes, previous, next);
        return changes;
    }

    private static void CompareSchema(List<ContractChange> changes, IReadOnlyList<SchemaObject> previous, IReadOnlyList<SchemaObject> next)
    {
        foreach (var removed in previous.Where(o => next.All(n => n.Name != o.Name)))
        {
            changes.Add(new($"schema[{removed.Name}]", ChangeKind.Breaking, "event type removed or renamed: consumers of it get no more events", ChangeAction.Removed));
        }

        foreach (var added in next.Where(o => previous.All(p => p.Name != o.Name)))
        {
            changes.Add(new($"schema[{added.Name}]", ChangeKind.Compatible, "event type added", ChangeAction.Added));
        }

        foreach (var before in previous)
        {
            if (next.FirstOrDefault(o => o.Name == before.Name) is { } after)
            {
                var path = $"schema[{before.Name}]";
                CompareText(changes, $"{path}.description", before.Description, after.Description, ChangeKind.Editorial, "description changed");
                CompareProperties(changes, $"{path}.properties", before.Properties, after.Properties);
            }
        }
    }

    private static void CompareProperties(List<ContractChange> changes, string path, IReadOnlyList<SchemaProperty> previous, IReadOnlyList<SchemaProperty> next)
    {
        var added = next.Where(p => previous.All(b => b.Name != p.Name)).ToList();
        foreach (var removed in previous.Where(p => next.All(n => n.Name != p.Name)))
        {
            var renamedTo = added.FirstOrDefault(a => a.LogicalType == removed.LogicalType);
            var reason = renamedTo is null
                ? "property removed: events that carry it no longer fit, and consumers reading it lose it"
                : $"property removed or renamed (to '{renamedTo.Name}'?): events that carry it no longer fit, and consumers reading it lose it";
            changes.Add(new($"{path}[{removed.Name}]", ChangeKind.Breaking, reason, ChangeAction.Removed));
        }

        foreach (var property in added)
        {
            changes.Add(property.Required
                ? new($"{path}[{property.Name}]", ChangeKind.Breaking, "new property made required: events written under the previous version lack it", ChangeAction.Added)
                : new($"{path}[{property.Name}]", ChangeKind.Compatible, "optional property added", ChangeAction.Added));
        }

        foreach (var before in previous)
        {
            if (next.FirstOrDefault(p => p.Name == before.Name) is { } after)
            {
                CompareProperty(changes, $"{path}[{before.Name}]", before, after);
            }
        }
    }

    private static void CompareProperty(List<ContractChange> changes, string path, SchemaProperty before, SchemaProperty after)
    {
        if (before.LogicalType != after.LogicalType)
        {
            var widened = before.LogicalType == LogicalType.Integer && after.LogicalType == LogicalType.Number;
            var narrowed = before.LogicalType == LogicalType.Number && after.LogicalType == LogicalType.Integer;
            var (from, to) = (Name(before.LogicalType), Name(after.LogicalType));
            changes.Add(widened
                ? new($"{path}.logicalType", ChangeKind.Compatible, $"type widened from {from} to {to}")
                : new($"{path}.logicalType", ChangeKind.Breaking, narrowed
                    ? $"type narrowed from {from} to {to}: fractional values are refused"
                    : $"type changed from {from} to {to}: previous values no longer fit"));

            // The options and nested fields of different types do not compare.
            return;
        }

        if (!before.Required && after.Required)
        {
            changes.Add(new($"{path}.required", ChangeKind.Breaking, "made required: events without it, or with null, no longer fit"));
        }
        else if (before.Required && !after.Required)
        {
            changes.Add(new($"{path}.required", ChangeKind.Compatible, "made optional"));
        }

        if (after.Classification < before.Classification)
        {
            changes.Add(new($"{path}.classification", ChangeKind.Breaking, $"classification loosened from {Name(before.Classification)} to {Name(after.Classification)}: the data would reach people the previous version kept it from"));
        }
        else if (after.Classification > before.Classification)
        {
            changes.Add(new($"{path}.classification", ChangeKind.Compatible, $"classification tightened from {Name(before.Classification)} to {Name(after.Classification)}"));
        }

        if (before.IsPersonalData && !after.IsPersonalData)
        {
            changes.Add(new($"{path}.customProperties[pii]", ChangeKind.Breaking, "no longer marked personal data: the protection it had would be lifted"));
        }
        else if (!before.IsPersonalData && after.IsPersonalData)
        {
            changes.Add(new($"{path}.customProperties[pii]", ChangeKind.Compatible, "now marked personal data"));
        }

        CompareText(changes, $"{path}.description", before.Description, after.Description, ChangeKind.Editorial, "description changed");
        CompareOptions(changes, $"{path}.logicalTypeOptions", before.Options, after.Options);

        // The closed set is written as the quality rule invalidValues (see AllowedValues), so changes are reported there.
        CompareEnum(changes, $"{path}.quality[invalidValues].validValues", before.Options.Enum, after.Options.Enum);
        if (before.LogicalType == LogicalType.Object)
        {
            CompareProperties(changes, $"{path}.properties", before.Properties, after.Properties);
        }

        if (before is { LogicalType: LogicalType.Array, Items: { } beforeItems } && after.Items is { } afterItems)
        {
            CompareProperty(changes, $"{path}.items", beforeItems, afterItems);
        }
    }

    private static void CompareOptions(List<ContractChange> changes, string path, LogicalTypeOptions before, LogicalTypeOptions after)
    {
        if (before.Format != after.Format)
        {
            changes.Add(after.Format is null
                ? new($"{path}.format", ChangeKind.Compatible, $"format {before.Format} dropped")
                : new($"{path}.format", ChangeKind.Breaking, before.Format is null
                    ? $"format {after.Format} added: values of another format are refused"
                    : $"format changed from {before.Format} to {after.Format}: previous values may not fit"));
        }

        if (before.Pattern != after.Pattern)
        {
            changes.Add(after.Pattern is null
                ? new($"{path}.pattern", ChangeKind.Compatible, "pattern dropped")
                : new($"{path}.pattern", ChangeKind.Breaking, before.Pattern is null
                    ? $"pattern '{after.Pattern}' added: values that do not match are refused"
                    : $"pattern changed from '{before.Pattern}' to '{after.Pattern}': previous values may not match"));
        }

        CompareLowerBound(changes, $"{path}.minLength", before.MinLength, after.MinLength);
        CompareUpperBound(changes, $"{path}.maxLength", before.MaxLength, after.MaxLength);
        CompareLowerBound(changes, $"{path}.minimum", before.Minimum, after.Minimum);
        CompareUpperBound(changes, $"{path}.maximum", before.Maximum, after.Maximum);
        CompareLowerBound(changes, $"{path}.minItems", before.MinItems, after.MinItems);
        CompareUpperBound(changes, $"{path}.maxItems", before.MaxItems, after.MaxItems);
        CompareFlag(changes, $"{path}.exclusiveMinimum", before.ExclusiveMinimum, after.ExclusiveMinimum, "the minimum itself is refused");
        CompareFlag(changes, $"{path}.exclusiveMaximum", before.ExclusiveMaximum, after.ExclusiveMaximum, "the maximum itself is refused");
        CompareFlag(changes, $"{path}.uniqueItems", before.UniqueItems, after.UniqueItems, "lists with repeated items are refused");
        if (before.MultipleOf != after.MultipleOf)
        {
            var dividesOld = before.MultipleOf is { } old && after.MultipleOf is { } step && old % step == 0;
            changes.Add(after.MultipleOf is null || dividesOld
                ? new($"{path}.multipleOf", ChangeKind.Compatible, $"multipleOf relaxed from {Text(before.MultipleOf)} to {Text(after.MultipleOf)}")
                : new($"{path}.multipleOf", ChangeKind.Breaking, $"multipleOf changed from {Text(before.MultipleOf)} to {Text(after.MultipleOf)}: previous values may not fit"));
        }
    }

    private static void CompareEnum(List<ContractChange> changes, string path, IReadOnlyList<string>? before, IReadOnlyList<string>? after)
    {
        if (before is null && after is null)
        {
            return;
        }

        if (before is null)
        {
            changes.Add(new(path, ChangeKind.Breaking, $"values limited to {string.Join(", ", after!)}: other values are refused"));
            return;
        }

        if (after is null)
        {
            changes.Add(new(path, ChangeKind.Compatible, "value list dropped: any value is accepted"));
            return;
        }

        foreach (var removed in before.Except(after))
        {
            changes.Add(new($"{path}[{removed}]", ChangeKind.Breaking, $"allowed value '{removed}' removed: events with it are refused", ChangeAction.Removed));
        }

        foreach (var added in after.Except(before))
        {
            changes.Add(new($"{path}[{added}]", ChangeKind.Compatible, $"allowed value '{added}' added", ChangeAction.Added));
        }
    }

    private static void CompareLowerBound<T>(List<ContractChange> changes, string path, T? before, T? after)
        where T : struct, IComparable<T>
    {
        if (Nullable.Equals(before, after))
        {
            return;
        }

        var narrowed = after is { } a && (before is not { } b || a.CompareTo(b) > 0);
        changes.Add(new(path, narrowed ? ChangeKind.Breaking : ChangeKind.Compatible, narrowed
            ? $"lower bound raised from {Text(before)} to {Text(after)}: smaller values are refused"
            : $"lower bound relaxed from {Text(before)} to {Text(after)}"));
    }

    private static void CompareUpperBound<T>(List<ContractChange> changes, string path, T? before, T? after)
        where T : struct, IComparable<T>
    {
        if (Nullable.Equals(before, after))
        {
            return;
        }

        var narrowed = after is { } a && (before is not { } b || a.CompareTo(b) < 0);
        changes.Add(new(path, narrowed ? ChangeKind.Breaking : ChangeKind.Compatible, narrowed
            ? $"upper bound lowered from {Text(before)} to {Text(after)}: larger values are refused"
            : $"upper bound relaxed from {Text(before)} to {Text(after)}"));
    }

    private static void CompareFlag(List<ContractChange> changes, string path, bool before, bool after, string whatItRefuses)
    {
        if (before != after)
        {
            changes.Add(after
                ? new(path, ChangeKind.Breaking, $"turned on: {whatItRefuses}")
                : new(path, ChangeKind.Compatible, "turned off"));
        }
    }

    private static void CompareSla(List<ContractChange> changes, DataContract previous, DataContract next)
    {
        foreach (var before in previous.SlaProperties)
        {
            var path = $"slaProperties[{before.Property}]";
            var after = next.SlaProperty(before.Property);
            if (after is null)
            {
                changes.Add(new(path, ChangeKind.Breaking, $"promise removed (was {Describe(before)})", ChangeAction.Removed));
                continue;
            }

            if (Describe(before) == Describe(after))
            {
                continue;
            }

            var weaker = (before.Duration, after.Duration) is ({ } was, { } now) && (DelayPromises.Contains(before.Property) ? now > was : before.Property == RetentionPromise && now < was);
            var stronger = (before.Duration, after.Duration) is ({ } was2, { } now2) && (DelayPromises.Contains(before.Property) ? now2 < was2 : before.Property == RetentionPromise && now2 > was2);
            changes.Add(weaker
                ? new(path, ChangeKind.Breaking, $"promise weakened from {Describe(before)} to {Describe(after)}")
                : new(path, stronger ? ChangeKind.Compatible : ChangeKind.Editorial, $"promise changed from {Describe(before)} to {Describe(after)}"));
        }

        foreach (var added in next.SlaProperties.Where(a => previous.SlaProperty(a.Property) is null))
        {
            changes.Add(new($"slaProperties[{added.Property}]", ChangeKind.Compatible, $"promise added: {Describe(added)}", ChangeAction.Added));
        }
    }

    private static void CompareServers(List<ContractChange> changes, DataContract previous, DataContract next)
    {
        CompareText(changes, "schema[*].physicalName", previous.EventServer?.Topic, next.EventServer?.Topic, ChangeKind.Breaking, "topic changed: subscribers of the previous topic get no more events");
        CompareText(changes, "servers[api].location", previous.QueryServer?.Location, next.QueryServer?.Location, ChangeKind.Breaking, "query endpoint moved: callers of the previous location fail");
    }

    private static void CompareDescription(List<ContractChange> changes, string path, DataProductDescription before, DataProductDescription after)
    {
        CompareText(changes, $"{path}.purpose", before.Purpose, after.Purpose, ChangeKind.Editorial, "purpose reworded");
        CompareText(changes, $"{path}.usage", before.Usage, after.Usage, ChangeKind.Editorial, "usage reworded");
        CompareText(changes, $"{path}.limitations", before.Limitations, after.Limitations, ChangeKind.Editorial, "limitations reworded");
    }

    private static void CompareText(List<ContractChange> changes, string path, string? before, string? after, ChangeKind kind, string reason)
    {
        if (before != after)
        {
            changes.Add(new(path, kind, $"{reason} ('{before}' → '{after}')"));
        }
    }

    private static string Describe(ServiceLevelProperty property) => property.Unit is null ? property.Value : $"{property.Value} {property.Unit}";

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Text<T>(T? value)
        where T : struct => value is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture)! : "none";
}
