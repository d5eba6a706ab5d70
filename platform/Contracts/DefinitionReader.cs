using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts;

/// <summary>Reads one file's YAML nodes into the model, collecting every problem with its location.</summary>
internal sealed class DefinitionReader(string file)
{
    public string File => file;

    public List<ContractValidationError> Errors { get; } = [];

    public SourceLocation LocationOf(YamlNode node) => LocationOf(node.Start);

    public SourceLocation LocationOf(Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    public void Error(YamlNode node, string path, string reason) => Errors.Add(new(LocationOf(node), path, reason));

    /// <summary>Opens a mapping for reading; any field not in <paramref name="known"/> is reported as unknown.</summary>
    public YamlFields? Mapping(YamlNode node, string path, IReadOnlyList<string> known, bool open = false)
    {
        if (node is YamlMappingNode mapping)
        {
            return new YamlFields(this, mapping, path, known, open);
        }

        Error(node, path, $"expected a mapping of fields, found {YamlFields.Describe(node)}");
        return null;
    }
}
