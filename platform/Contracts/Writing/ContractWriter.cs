using DataMesh.Contracts.Model;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts.Writing;

/// <summary>
/// Writes a <see cref="DataContract"/> as an ODCS <c>*.odcs.yaml</c> document. A contract read from a file is written
/// back saying the same thing (read, write and read again gives the same model): what the model keeps as written
/// (options, quality rules, custom property values, flags written <c>false</c>) is written as it was.
/// </summary>
public static class ContractWriter
{
    public static string Write(DataContract contract)
    {
        var tree = new YamlTree(contract.Source)
            .Text("apiVersion", contract.ApiVersion).Text("kind", "DataContract").Text("id", contract.Id).Text("name", contract.Name)
            .Text("version", contract.VersionText.Length > 0 ? contract.VersionText : contract.Version.ToString())
            .Text("status", contract.StatusText.Length > 0 ? contract.StatusText : contract.Status.ToString().ToLowerInvariant())
            .Text("tenant", contract.Tenant).Text("domain", SectionWriter.Written(contract.Domain)).Text("dataProduct", SectionWriter.Written(contract.DataProduct))
            .Description(contract.Description).Team(contract.Team).Texts("tags", contract.Tags)
            .Items("schema", contract.Schema, Object)
            .Support(contract.Support)
            .Child("price", contract.Price is { } price
                ? new YamlTree().Text("id", price.Id).Number("priceAmount", price.Amount).Text("priceCurrency", price.Currency).Text("priceUnit", price.Unit)
                : null)
            .Roles(contract.Roles)
            .Text("slaDefaultElement", contract.SlaDefaultElement)
            .Items("slaProperties", contract.SlaProperties, Sla)
            .Items("servers", contract.Servers, Server)
            .AuthoritativeDefinitions(contract.AuthoritativeDefinitions)
            .CustomProperties(contract.CustomProperties)
            .Text("contractCreatedTs", contract.ContractCreatedTs);
        return tree.ToString();
    }

    private static YamlNode Object(SchemaObject schemaObject)
    {
        var tree = new YamlTree(schemaObject.Source)
            .Text("id", schemaObject.Id).Text("name", schemaObject.Name).Text("businessName", schemaObject.BusinessName).Text("description", schemaObject.Description)
            .Text("physicalName", schemaObject.PhysicalName).Text("physicalType", schemaObject.PhysicalType)
            .Text("logicalType", schemaObject.HasLogicalType ? "object" : null)
            .Text("dataGranularityDescription", schemaObject.DataGranularityDescription).Texts("tags", schemaObject.Tags)
            .AuthoritativeDefinitions(schemaObject.AuthoritativeDefinitions).CustomProperties(schemaObject.CustomProperties)
            .Items(RelationshipReader.Field, schemaObject.Relationships, Relationship)
            .Items("quality", schemaObject.Quality, Quality)
            .Items("properties", schemaObject.Properties, Property);
        return tree.Node;
    }

    private static YamlNode Property(SchemaProperty property)
    {
        var tree = new YamlTree(property.Source)
            .Text("id", property.Id)
            .Text("name", property.IsItem && !property.Written.Contains("name") ? null : property.Name)
            .Text("businessName", property.BusinessName).Text("description", property.Description)
            .Text("logicalType", property.HasLogicalType ? property.LogicalType.ToString().ToLowerInvariant() : null);
        if (Options(property.Options) is { } options)
        {
            tree.Node.Add("logicalTypeOptions", options);
        }

        tree.Text("physicalType", property.PhysicalType).Text("physicalName", property.PhysicalName)
            // An array's items read as required (elements are never null) unless they say otherwise: written only when the document says so.
            .Boolean("required", property.IsItem ? (property.Written.Contains("required") ? property.Required : null) : (property.Required || property.Written.Contains("required") ? property.Required : null))
            .Flag("unique", property.Unique, property.Written).Flag("primaryKey", property.PrimaryKey, property.Written)
            .Number("primaryKeyPosition", property.PrimaryKeyPosition).Boolean("partitioned", property.Partitioned).Number("partitionKeyPosition", property.PartitionKeyPosition)
            .Text("classification", property.ClassificationName).Text("encryptedName", property.EncryptedName)
            .Texts("transformSourceObjects", property.TransformSourceObjects).Text("transformLogic", property.TransformLogic).Text("transformDescription", property.TransformDescription)
            .Flag("criticalDataElement", property.CriticalDataElement, property.Written)
            .Texts("tags", property.Tags)
            .Items("examples", property.Examples, YamlTree.FromJson)
            .AuthoritativeDefinitions(property.AuthoritativeDefinitions).CustomProperties(property.CustomProperties)
            .Items(RelationshipReader.Field, property.Relationships, Relationship)
            .Items("quality", property.Quality, Quality)
            .Items("properties", property.Properties, Property);
        if (property.Items is { } items)
        {
            tree.Node.Add("items", Property(items));
        }

        return tree.Node;
    }

    /// <summary>The options as written; for options built in code, the typed ones that are set.</summary>
    private static YamlNode? Options(LogicalTypeOptions options)
    {
        if (options.AsWritten is { } written)
        {
            return YamlTree.FromJson(written);
        }

        var tree = new YamlTree()
            .Text("format", options.Format).Number("minLength", options.MinLength).Number("maxLength", options.MaxLength).Text("pattern", options.Pattern)
            .Number("minimum", options.ExclusiveMinimum ? null : options.Minimum).Number("exclusiveMinimum", options.ExclusiveMinimum ? options.Minimum : null)
            .Number("maximum", options.ExclusiveMaximum ? null : options.Maximum).Number("exclusiveMaximum", options.ExclusiveMaximum ? options.Maximum : null)
            .Number("multipleOf", options.MultipleOf).Number("minItems", options.MinItems).Number("maxItems", options.MaxItems)
            .Boolean("uniqueItems", options.UniqueItems ? true : null)
            .Text("minimum", options.TemporalMinimum).Text("maximum", options.TemporalMaximum)
            .Text("exclusiveMinimum", options.TemporalExclusiveMinimum).Text("exclusiveMaximum", options.TemporalExclusiveMaximum)
            .Boolean("timezone", options.Timezone).Text("defaultTimezone", options.DefaultTimezone)
            .Number("minProperties", options.MinProperties).Number("maxProperties", options.MaxProperties).Texts("required", options.RequiredProperties);
        return tree.IsEmpty ? null : tree.Node;
    }

    private static YamlNode Relationship(Relationship relationship)
    {
        var tree = new YamlTree().Text("type", relationship.Type);
        foreach (var (name, ends) in new[] { ("from", relationship.From), ("to", relationship.To) })
        {
            if (ends.Count > 0)
            {
                tree.Node.Add(name, relationship.Composite ? new YamlSequenceNode(ends.Select(e => (YamlNode)YamlTree.Scalar(e))) : YamlTree.Scalar(ends[0]));
            }
        }

        return tree.CustomProperties(relationship.CustomProperties).Node;
    }

    private static YamlNode Quality(Quality.QualityRule rule) =>
        rule.AsWritten is { } written
            ? YamlTree.FromJson(written)
            : throw new NotSupportedException($"Quality rule {rule.Key} was built in code; only rules read from a document are written.");

    private static YamlNode Sla(ServiceLevelProperty sla)
    {
        var tree = new YamlTree(sla.Source).Text("id", sla.Id).Text("property", sla.Property);
        if (sla.ValueAsWritten is not null || sla.Value.Length == 0)
        {
            tree.Json("value", sla.ValueAsWritten);
        }
        else
        {
            tree.Text("value", sla.Value);
        }

        if (sla.HasValueExt)
        {
            tree.Json("valueExt", sla.ValueExt);
        }

        return tree.Text("unit", sla.Unit).Text("element", sla.Element).Text("driver", sla.Driver).Text("description", sla.Description)
            .Text("scheduler", sla.Scheduler).Text("schedule", sla.Schedule).Node;
    }

    private static YamlNode Server(ContractServer server)
    {
        var tree = new YamlTree(server.Source)
            .Text("id", server.Id).Text("server", server.Server).Text("type", server.TypeName).Text("description", server.Description).Text("environment", server.Environment)
            .Text(ServerTypes.Host, server.Host).Number(ServerTypes.Port, server.Port).Text(ServerTypes.Database, server.Database).Text(ServerTypes.Schema, server.Schema)
            .Text(ServerTypes.Location, server.Location).Text(ServerTypes.Format, server.Format);
        foreach (var (name, value) in server.Settings)
        {
            tree.Text(name, value);
        }

        return tree.Roles(server.Roles).CustomProperties(server.CustomProperties).Node;
    }
}
