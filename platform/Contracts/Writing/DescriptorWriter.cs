using DataMesh.Contracts.Model;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts.Writing;

/// <summary>
/// Writes a <see cref="DataProductDescriptor"/> as an ODPS <c>*.odps.yaml</c> document; a descriptor read from a file
/// is written back saying the same thing.
/// </summary>
public static class DescriptorWriter
{
    public static string Write(DataProductDescriptor descriptor)
    {
        var written = descriptor.Written;
        var tree = new YamlTree(descriptor.Source)
            .Text("apiVersion", descriptor.ApiVersion).Text("kind", "DataProduct").Text("id", descriptor.Id)
            .Text("name", descriptor.Name.Length > 0 || written.Contains("name") ? descriptor.Name : null)
            .Text("version", descriptor.VersionText)
            .Text("status", descriptor.StatusText.Length > 0 ? descriptor.StatusText : descriptor.Status.ToString().ToLowerInvariant())
            .Text("domain", descriptor.Domain.Length > 0 || written.Contains("domain") ? descriptor.Domain : null)
            .Text("tenant", descriptor.Tenant)
            .AuthoritativeDefinitions(descriptor.AuthoritativeDefinitions)
            .Description(descriptor.Description)
            .CustomProperties(descriptor.CustomProperties)
            .Texts("tags", descriptor.Tags)
            .Items("inputPorts", descriptor.InputPorts, InputPort)
            .Items("outputPorts", descriptor.OutputPorts, OutputPort)
            .Items("managementPorts", descriptor.ManagementPorts, ManagementPort)
            .Support(descriptor.Support)
            .Team(descriptor.Team.Source is null && !written.Contains("team") ? null : descriptor.Team)
            .Text("productCreatedTs", descriptor.ProductCreatedTs);
        return tree.ToString();
    }

    private static YamlNode InputPort(InputPort port)
    {
        // The upstream product is one of the port's custom properties; a port built in code states it in DataProductId alone.
        IReadOnlyList<CustomProperty> customProperties = port.CustomProperties.Count > 0 || port.DataProductId.Length == 0
            ? port.CustomProperties
            : [new CustomProperty(Contracts.InputPort.UpstreamProperty, System.Text.Json.Nodes.JsonValue.Create(port.DataProductId), port.Source)];
        return new YamlTree(port.Source)
            .Text("name", port.Name).Text("version", port.VersionText.Length > 0 ? port.VersionText : port.Version.ToString()).Text("contractId", port.ContractId)
            .Texts("tags", port.Tags).CustomProperties(customProperties).AuthoritativeDefinitions(port.AuthoritativeDefinitions).Node;
    }

    private static YamlNode OutputPort(OutputPort port) => new YamlTree(port.Source)
        .Text("name", port.Name).Text("description", SectionWriter.Written(port.Description)).Text("type", port.Type)
        .Text("version", port.VersionText.Length > 0 ? port.VersionText : port.Version.ToString()).Text("contractId", SectionWriter.Written(port.ContractId))
        .Items("sbom", port.Sbom, s => new YamlTree().Text("type", s.Type).Text("url", s.Url).Node)
        .Items("inputContracts", port.InputContracts, c => new YamlTree().Text("id", c.Id).Text("version", c.Version).Node)
        .Texts("tags", port.Tags).CustomProperties(port.CustomProperties).AuthoritativeDefinitions(port.AuthoritativeDefinitions).Node;

    private static YamlNode ManagementPort(ManagementPort port) => new YamlTree()
        .Text("name", port.Name).Text("content", port.Content).Text("type", port.Type).Text("url", port.Url).Text("channel", port.Channel)
        .Text("description", port.Description).Texts("tags", port.Tags).CustomProperties(port.CustomProperties).AuthoritativeDefinitions(port.AuthoritativeDefinitions).Node;
}
