using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DaprSidecarStandIn;

/// <summary>One YAML file of the resources path, read whole.</summary>
public static class ResourceFile
{
    /// <exception cref="InvalidDataException">The file is not YAML, naming it and the line.</exception>
    public static YamlStream Load(string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (YamlException invalid)
        {
            throw new InvalidDataException($"{file}:{invalid.Start.Line}: not valid YAML: {invalid.Message}", invalid);
        }

        return stream;
    }
}
