using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DataMesh.Contracts.Export;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DataMesh.Tool.Tests;

/// <summary>
/// <c>datamesh export csharp</c> compiled by Roslyn as a consumer's build would (nullable on, warnings as errors), and
/// the compiled records used to read the contract's example events with System.Text.Json.
/// </summary>
public sealed class CSharpExportTests : IDisposable
{
    private static readonly JsonSerializerOptions WriteSet = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly TemporaryFolder folder = new();

    [Theory]
    [MemberData(nameof(Tool.SampleContractNames), MemberType = typeof(Tool))]
    public void The_records_compile_and_read_each_example_event_field_for_field(string contractPath)
    {
        var file = folder.File("Contract.cs");
        var run = Tool.Run("export", "csharp", Tool.InRepository(contractPath), "-o", file);
        Assert.True(run.Exit == ExitCodes.Clean, run.Error);
        var contract = SampleContract.Read(contractPath);
        var context = new AssemblyLoadContext(contractPath, isCollectible: true);
        try
        {
            var assembly = Compile(File.ReadAllText(file), context);
            foreach (var (schemaObject, example) in SampleContract.Examples(contract))
            {
                // The record is the object's name in Pascal case (a table's name is usually lower case).
                var type = assembly.GetType($"{CSharpExporter.Namespace(contract)}.{schemaObject.Name}", throwOnError: true, ignoreCase: true)!;

                var read = JsonSerializer.Deserialize(example.ToJsonString(), type);

                var written = JsonSerializer.SerializeToNode(read, type, WriteSet)!.AsObject();
                Assert.Equal(example.AsObject().Select(f => f.Key).Order(), written.Select(f => f.Key).Order());
                foreach (var (field, value) in example.AsObject())
                {
                    Assert.True(SameValue(value, written[field]), $"{schemaObject.Name}.{field}: {value?.ToJsonString()} read back as {written[field]?.ToJsonString()}");
                }

                // A required field is required of the reader too: an event without it is refused.
                var required = schemaObject.Properties.First(p => p.Required).Name;
                var incomplete = example.DeepClone().AsObject();
                incomplete.Remove(required);
                Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(incomplete.ToJsonString(), type));
            }
        }
        finally
        {
            context.Unload();
        }
    }

    public void Dispose() => folder.Dispose();

    private static Assembly Compile(string code, AssemblyLoadContext context)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "ConsumerOfTheContract",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics) + "\n" + code);
        image.Position = 0;
        return context.LoadFromStream(image);
    }

    /// <summary>Equal as JSON values: numbers by value (5400.50 is 5400.5), everything else as written.</summary>
    private static bool SameValue(JsonNode? expected, JsonNode? actual) =>
        expected is JsonValue e && actual is JsonValue a && e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number
            ? decimal.Parse(e.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) == decimal.Parse(a.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : JsonNode.DeepEquals(expected, actual);
}
