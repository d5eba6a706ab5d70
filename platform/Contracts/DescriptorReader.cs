using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts;

/// <summary>Reads an ODPS v1.0.0 <c>*.odps.yaml</c> file into a <see cref="DataProductDescriptor"/>.</summary>
internal static class DescriptorReader
{
    public const string ApiVersion = "v1.0.0";

    private static readonly string[] Fields =
        ["apiVersion", "kind", "id", "name", "version", "status", "domain", "tenant", "description", "team", "inputPorts", "outputPorts", "tags"];

    private static readonly string[] InputPortFields = ["name", "contractId", "version", "tags", "customProperties", "authoritativeDefinitions"];
    private static readonly string[] CustomPropertyFields = ["property", "value", "description"];
    private static readonly string[] OutputPortFields = ["name", "description", "type", "version", "contractId"];

    /// <summary>The descriptor, or null when it could not be read whole (the problems are in the reader).</summary>
    public static DataProductDescriptor? Read(YamlNode root, DefinitionReader reader)
    {
        var fields = reader.Mapping(root, "", Fields);
        if (fields is null)
        {
            return null;
        }

        fields.OneOf("apiVersion", [ApiVersion], required: true);
        fields.OneOf("kind", ["DataProduct"], required: true);
        var id = fields.Text("id");
        var name = fields.Text("name");
        var version = fields.Version("version");
        var status = fields.Choice<DataProductStatus>("status", required: true);
        var domain = fields.Text("domain");
        var tenant = fields.OptionalText("tenant");
        var description = DescriptionReader.Read(fields, required: true);
        var team = TeamReader.Read(fields, required: true);
        var inputPorts = fields.Items("inputPorts", required: false, (node, path) => ReadInputPort(node, path, reader));
        var outputPorts = fields.Items("outputPorts", required: true, (node, path) => ReadOutputPort(node, path, reader));
        var tags = fields.Texts("tags");

        return fields.HasErrors || description is null || team is null || status is null
            ? null
            : new DataProductDescriptor(ApiVersion, id, name, version, status.Value, domain, tenant, description, team, inputPorts, outputPorts, tags, fields.Source);
    }

    private static InputPort? ReadInputPort(YamlNode node, string path, DefinitionReader reader)
    {
        var fields = reader.Mapping(node, path, InputPortFields);
        if (fields is null)
        {
            return null;
        }

        var name = fields.Text("name");
        var contractId = fields.Text("contractId");
        var version = fields.Version("version");
        fields.Texts("tags");
        fields.Node("authoritativeDefinitions", required: false);

        // ODPS has no field for the upstream product: the mesh writes it as the custom property dataProductId.
        YamlFields? upstream = null;
        fields.Items("customProperties", required: false, (entry, entryPath) =>
        {
            var property = reader.Mapping(entry, entryPath, CustomPropertyFields);
            if (property?.OptionalText("property") == InputPort.UpstreamProperty)
            {
                upstream = property;
            }

            return property;
        });

        // Without it the port is still valid ODPS: MeshGovernance reports the missing upstream product.
        var dataProductId = upstream?.OptionalText("value") ?? "";
        if (fields.HasErrors || upstream?.HasErrors == true)
        {
            return null;
        }

        var source = upstream is null ? fields.Source : fields.Source.With(InputPort.UpstreamField, upstream.Source.LocationOf("value"));
        return new InputPort(name, dataProductId, contractId, version, source);
    }

    private static OutputPort? ReadOutputPort(YamlNode node, string path, DefinitionReader reader)
    {
        var fields = reader.Mapping(node, path, OutputPortFields);
        if (fields is null)
        {
            return null;
        }

        var port = new OutputPort(
            fields.Text("name"), fields.OptionalText("description") ?? "", fields.OptionalText("type"), fields.Version("version"), fields.OptionalText("contractId") ?? "", fields.Source);
        return fields.HasErrors ? null : port;
    }
}
