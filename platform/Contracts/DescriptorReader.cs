using DataMesh.Contracts.Model;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts;

/// <summary>Reads an ODPS v1.0.0 <c>*.odps.yaml</c> file into a <see cref="DataProductDescriptor"/>, every section of the standard.</summary>
internal static class DescriptorReader
{
    public const string ApiVersion = "v1.0.0";

    /// <summary>The versions the ODPS v1.0.0 schema reads (v0.9.0 documents have the same shape).</summary>
    public static readonly string[] ApiVersions = ["v1.0.0", "v0.9.0"];

    private static readonly string[] Fields =
    [
        "apiVersion", "kind", "id", "name", "version", "status", "domain", "tenant", AuthoritativeDefinitionReader.Field, "description",
        CustomPropertyReader.Field, "tags", "inputPorts", "outputPorts", "managementPorts", SupportReader.Field, "team", "productCreatedTs",
    ];

    private static readonly string[] PortExtras = ["tags", CustomPropertyReader.Field, AuthoritativeDefinitionReader.Field];
    private static readonly string[] InputPortFields = ["name", "version", "contractId", .. PortExtras];
    private static readonly string[] OutputPortFields = ["name", "description", "type", "version", "contractId", "sbom", "inputContracts", .. PortExtras];
    private static readonly string[] ManagementPortFields = ["name", "content", "type", "url", "channel", "description", .. PortExtras];
    private static readonly string[] SbomFields = ["type", "url"];
    private static readonly string[] InputContractFields = ["id", "version"];

    /// <summary>The descriptor, or null when it could not be read whole (the problems are in the reader).</summary>
    public static DataProductDescriptor? Read(YamlNode root, DefinitionReader reader)
    {
        var fields = reader.Mapping(root, "", Fields);
        if (fields is null)
        {
            return null;
        }

        var apiVersion = fields.OneOf("apiVersion", ApiVersions, required: true) ?? ApiVersion;
        fields.OneOf("kind", ["DataProduct"], required: true);
        var id = fields.Text("id");
        var name = fields.OptionalText("name") ?? "";
        var version = fields.OptionalText("version");
        var status = fields.Text("status");
        var domain = fields.OptionalText("domain") ?? "";
        var tenant = fields.OptionalText("tenant");
        var description = DescriptionReader.Read(fields, Standard.Odps);
        var team = TeamReader.Read(fields, Standard.Odps);
        var inputPorts = fields.Items("inputPorts", required: false, (node, path) => ReadInputPort(node, path, reader));
        var outputPorts = fields.Items("outputPorts", required: false, (node, path) => ReadOutputPort(node, path, reader));
        var tags = fields.Texts("tags");

        return fields.HasErrors || description is null || fields.Has("team") && team is null
            ? null
            : new DataProductDescriptor(
                apiVersion, id, name, ContractReader.VersionOf(version ?? ""), ContractReader.StatusOf(status), domain, tenant, description, team ?? new Team("", null, []),
                inputPorts, outputPorts, tags, fields.Source)
            {
                VersionText = version,
                StatusText = status,
                Written = new[] { "name", "domain", "team" }.Where(fields.Has).ToHashSet(),
                AuthoritativeDefinitions = AuthoritativeDefinitionReader.Read(fields, Standard.Odps),
                CustomProperties = CustomPropertyReader.Read(fields, Standard.Odps),
                ManagementPorts = fields.Items("managementPorts", required: false, (node, path) => ReadManagementPort(node, path, reader)),
                Support = SupportReader.Read(fields, Standard.Odps),
                ProductCreatedTs = fields.OptionalText("productCreatedTs"),
            };
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
        var version = fields.Text("version");
        var customProperties = CustomPropertyReader.Read(fields, Standard.Odps);

        // ODPS has no field for the upstream product: the mesh writes it as the custom property dataProductId. Without
        // it the port is still valid ODPS: MeshGovernance reports the missing upstream product.
        var upstream = customProperties.FirstOrDefault(p => p.Property == InputPort.UpstreamProperty);
        var source = upstream is null ? fields.Source : fields.Source.With(InputPort.UpstreamField, upstream.Source.LocationOf("value"));
        var port = new InputPort(name, upstream?.Text ?? "", contractId, ContractReader.VersionOf(version), source)
        {
            VersionText = version,
            Tags = fields.Texts("tags"),
            CustomProperties = customProperties,
            AuthoritativeDefinitions = AuthoritativeDefinitionReader.Read(fields, Standard.Odps),
        };
        return fields.HasErrors ? null : port;
    }

    private static OutputPort? ReadOutputPort(YamlNode node, string path, DefinitionReader reader)
    {
        var fields = reader.Mapping(node, path, OutputPortFields);
        if (fields is null)
        {
            return null;
        }

        var version = fields.Text("version");
        var port = new OutputPort(
            fields.Text("name"), fields.OptionalText("description") ?? "", fields.OptionalText("type"), ContractReader.VersionOf(version), fields.OptionalText("contractId") ?? "", fields.Source)
        {
            VersionText = version,
            Sbom = fields.Items("sbom", required: false, (entry, entryPath) =>
            {
                var sbom = reader.Mapping(entry, entryPath, SbomFields);
                var read = sbom is null ? null : new SoftwareBillOfMaterials(sbom.Text("url")) { Type = sbom.OptionalText("type") };
                return sbom is null || sbom.HasErrors ? null : read;
            }),
            InputContracts = fields.Items("inputContracts", required: false, (entry, entryPath) =>
            {
                var contract = reader.Mapping(entry, entryPath, InputContractFields);
                var read = contract is null ? null : new InputContract(contract.Text("id"), contract.Text("version"));
                return contract is null || contract.HasErrors ? null : read;
            }),
            Tags = fields.Texts("tags"),
            CustomProperties = CustomPropertyReader.Read(fields, Standard.Odps),
            AuthoritativeDefinitions = AuthoritativeDefinitionReader.Read(fields, Standard.Odps),
        };
        return fields.HasErrors ? null : port;
    }

    private static ManagementPort? ReadManagementPort(YamlNode node, string path, DefinitionReader reader)
    {
        var fields = reader.Mapping(node, path, ManagementPortFields);
        if (fields is null)
        {
            return null;
        }

        var port = new ManagementPort(fields.Text("name"), fields.Text("content"))
        {
            Type = fields.OptionalText("type"),
            Url = fields.OptionalText("url"),
            Channel = fields.OptionalText("channel"),
            Description = fields.OptionalText("description"),
            Tags = fields.Texts("tags"),
            CustomProperties = CustomPropertyReader.Read(fields, Standard.Odps),
            AuthoritativeDefinitions = AuthoritativeDefinitionReader.Read(fields, Standard.Odps),
        };
        return fields.HasErrors ? null : port;
    }
}
