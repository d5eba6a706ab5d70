using Aspire.Hosting.DataMesh.Kubernetes;
using DataMesh.DataProducts.Contracts;
using DataMesh.Testing;

namespace DataMesh.AppHost.Tests.Kubernetes;

/// <summary>
/// Each output port becomes a Strimzi KafkaTopic sized by its contract. The domains hold no definitions yet, so
/// these tests use the data product library's sample definitions (hr.employees and its consumer finance.payroll).
/// </summary>
public sealed class OutputPortTopicTests : IDisposable
{
    private static readonly string Samples = Path.Combine(RepositoryLayout.Root, "tests", "DataMesh.DataProducts.Tests", "Definitions");

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("datamesh-topics-");

    [Fact]
    public void Each_output_port_becomes_a_topic_with_the_retention_of_its_contract()
    {
        var topics = OutputPortTopic.Load(Samples, defaultPartitions: 3);

        Assert.Equal(
        [
            new OutputPortTopic("finance.payroll.v1", "finance.payroll", "finance.payroll.costs", "1.0.0", 3, TimeSpan.FromDays(3650)),
            new OutputPortTopic("hr.employees.v1", "hr.employees", "hr.employees.events", "1.0.0", 3, TimeSpan.FromDays(2555)),
        ], topics);
    }

    [Fact]
    public void A_partitions_entry_in_the_contracts_sla_sets_the_partitions()
    {
        var folder = Copy(Samples, "hr/employees.odcs.yaml", "slaProperties:\n", "slaProperties:\n  - property: partitions\n    value: 12\n");

        var topics = OutputPortTopic.Load(folder, defaultPartitions: 3);

        Assert.Equal(12, topics.Single(topic => topic.Topic == "hr.employees.v1").Partitions);
        Assert.Equal(3, topics.Single(topic => topic.Topic == "finance.payroll.v1").Partitions);
    }

    [Fact]
    public void A_partitions_entry_that_is_not_a_whole_number_is_refused_naming_file_line_and_field()
    {
        var folder = Copy(Samples, "hr/employees.odcs.yaml", "slaProperties:\n", "slaProperties:\n  - property: partitions\n    value: many\n");

        var refused = Assert.Throws<DataProductDefinitionException>(() => OutputPortTopic.Load(folder, defaultPartitions: 3));

        var problem = Assert.Single(refused.Errors);
        Assert.Equal("hr/employees.odcs.yaml", problem.Location.File);
        Assert.Equal("slaProperties[0].value", problem.Field);
        Assert.Equal("value: many", File.ReadAllLines(Path.Combine(folder, "hr", "employees.odcs.yaml"))[problem.Location.Line - 1].Trim());
        Assert.Contains("'many' is not a whole number of partitions", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_publish_step_writes_a_valid_kafka_topic_for_each_output_port_of_the_domains()
    {
        // Two domain projects, each with its definitions in a DataProducts folder beside its project file; finance,
        // the consumer, also keeps a copy of the hr definitions it reads.
        var domains = Path.Combine(_scratch.FullName, "domains");
        foreach (var (domain, definitions) in new[] { ("hr", new[] { "hr" }), ("finance", new[] { "finance", "hr" }) })
        {
            Directory.CreateDirectory(Path.Combine(domains, domain, KubernetesPublishingExtensions.DataProductsFolder));
            await File.WriteAllTextAsync(Path.Combine(domains, domain, $"{domain}.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
            foreach (var file in definitions.SelectMany(owner => Directory.EnumerateFiles(Path.Combine(Samples, owner))))
            {
                File.Copy(file, Path.Combine(domains, domain, KubernetesPublishingExtensions.DataProductsFolder, Path.GetFileName(file)));
            }
        }

        var output = Path.Combine(_scratch.FullName, "deploy");
        var builder = DistributedApplication.CreateBuilder(["--operation", "publish", "--step", KubernetesPublishingExtensions.StepName, "--output-path", output]);
        builder.AddKubernetesPublishing();
        var kafka = builder.AddKafka("kafka");
        builder.AddDaprPubSub("pubsub").WithMetadata("brokers", kafka);
        builder.AddProject("hr", Path.Combine(domains, "hr", "hr.csproj")).WithHttpEndpoint();
        builder.AddProject("finance", Path.Combine(domains, "finance", "finance.csproj")).WithHttpEndpoint();
        await using (var app = builder.Build())
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await app.RunAsync(timeout.Token);
        }

        var topics = DeploymentFolder.Documents(output).Where(document => document.Kind == "KafkaTopic").ToList();
        Assert.Empty(topics.SelectMany(KubernetesObjectCheck.Problems));
        Assert.Equal(["finance.payroll.v1", "hr.employees.v1"], topics.Select(topic => topic.Text("spec", "topicName")));
        var employees = topics.Single(topic => topic.Name == "hr-employees-v1");
        Assert.Equal("kafka", employees.Map("metadata", "labels")["strimzi.io/cluster"]);
        Assert.Equal("3", employees.Text("spec", "partitions"));
        Assert.Equal("3", employees.Text("spec", "replicas"));
        Assert.Equal((7L * 365 * 24 * 3600 * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), employees.Text("spec", "config", "retention.ms"));
        Assert.Contains("kafka-topics.yaml", await File.ReadAllTextAsync(Path.Combine(output, "kustomization.yaml")), StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    /// <summary>A copy of <paramref name="source"/> in this test's scratch folder, with one text replaced once in one file.</summary>
    private string Copy(string source, string file, string text, string replacement)
    {
        var copy = Path.Combine(_scratch.FullName, "definitions");
        foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(source, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target);
        }

        var edited = Path.Combine(copy, file);
        var content = File.ReadAllText(edited);
        Assert.Equal(1, content.Split(text).Length - 1);
        File.WriteAllText(edited, content.Replace(text, replacement, StringComparison.Ordinal));
        return copy;
    }
}
