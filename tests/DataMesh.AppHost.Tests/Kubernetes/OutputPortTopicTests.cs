using Aspire.Hosting.DataMesh;
using Aspire.Hosting.DataMesh.Kubernetes;
using DataMesh.Contracts;
using DataMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        var topics = OutputPortTopic.Load(Samples, ownDomain: null, defaultPartitions: 3);

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

        var topics = OutputPortTopic.Load(folder, ownDomain: null, defaultPartitions: 3);

        Assert.Equal(12, topics.Single(topic => topic.Topic == "hr.employees.v1").Partitions);
        Assert.Equal(3, topics.Single(topic => topic.Topic == "finance.payroll.v1").Partitions);
    }

    [Fact]
    public void A_partitions_entry_that_is_not_a_whole_number_is_refused_naming_file_line_and_field()
    {
        var folder = Copy(Samples, "hr/employees.odcs.yaml", "slaProperties:\n", "slaProperties:\n  - property: partitions\n    value: many\n");

        var refused = Assert.Throws<DataProductDefinitionException>(() => OutputPortTopic.Load(folder, ownDomain: null, defaultPartitions: 3));

        var problem = Assert.Single(refused.Errors);
        Assert.Equal("hr/employees.odcs.yaml", problem.Location.File);
        Assert.Equal("slaProperties[0].value", problem.Field);
        Assert.Equal("value: many", File.ReadAllLines(Path.Combine(folder, "hr", "employees.odcs.yaml"))[problem.Location.Line - 1].Trim());
        Assert.Contains("'many' is not a whole number of partitions", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_domain_gets_the_topics_of_its_own_products_not_of_the_upstream_copies_it_keeps()
    {
        var folder = Domains(("finance", ["finance", "hr"]));

        var topics = OutputPortTopic.Load(Path.Combine(folder, "finance", DomainTeam.DataProductsFolder), "finance", defaultPartitions: 3);

        Assert.Equal(["finance.payroll.v1"], topics.Select(topic => topic.Topic));
    }

    [Fact]
    public async Task The_publish_step_writes_a_valid_kafka_topic_for_each_output_port_of_the_domains()
    {
        // finance, the consumer, keeps a copy of the hr definitions it reads: hr's topic is still written once.
        var (output, log) = await PublishAsync(Domains(("hr", ["hr"]), ("finance", ["finance", "hr"])), "hr", "finance");

        var topics = DeploymentFolder.Documents(output).Where(document => document.Kind == "KafkaTopic").ToList();
        Assert.True(topics.Count > 0, log);
        Assert.Empty(topics.SelectMany(KubernetesObjectCheck.Problems));
        Assert.Equal(["finance.payroll.v1", "hr.employees.v1"], topics.Select(topic => topic.Text("spec", "topicName")));
        var employees = topics.Single(topic => topic.Name == "hr-employees-v1");
        Assert.Equal("kafka", employees.Map("metadata", "labels")["strimzi.io/cluster"]);
        Assert.Equal("3", employees.Text("spec", "partitions"));
        Assert.Equal("3", employees.Text("spec", "replicas"));
        Assert.Equal((7L * 365 * 24 * 3600 * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), employees.Text("spec", "config", "retention.ms"));
        Assert.Contains("kafka-topics.yaml", await File.ReadAllTextAsync(Path.Combine(output, "kustomization.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_domain_resource_named_unlike_its_data_products_domain_stops_the_step()
    {
        var (output, log) = await PublishAsync(Domains(("hr", ["hr"])), "people");

        Assert.Contains("defines no data product of domain 'people'", log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output).Any());
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    /// <summary>Domain projects (an empty project file each) whose DataProducts folders hold the named sample folders.</summary>
    private string Domains(params (string Domain, string[] Definitions)[] domains)
    {
        var root = Path.Combine(_scratch.FullName, "domains");
        foreach (var (domain, definitions) in domains)
        {
            var folder = Path.Combine(root, domain, DomainTeam.DataProductsFolder);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(root, domain, $"{domain}.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
            foreach (var file in definitions.SelectMany(owner => Directory.EnumerateFiles(Path.Combine(Samples, owner))))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
        }

        return root;
    }

    /// <summary>
    /// Runs the publish step in this process over a model of Kafka, the pub/sub and the given projects (a project
    /// named like a folder under <paramref name="domains"/> uses that folder), and returns the output folder and the log.
    /// </summary>
    private async Task<(string Output, string Log)> PublishAsync(string domains, params string[] projects)
    {
        var output = Path.Combine(_scratch.FullName, "deploy");
        var log = new CapturedLog();
        var builder = DistributedApplication.CreateBuilder(["--operation", "publish", "--step", KubernetesPublishingExtensions.StepName, "--output-path", output]);
        builder.Services.AddSingleton<ILoggerProvider>(log);
        builder.AddKubernetesPublishing();
        var kafka = builder.AddKafka("kafka");
        builder.AddDaprPubSub("pubsub").WithMetadata("brokers", kafka);
        foreach (var project in projects)
        {
            var folder = Directory.Exists(Path.Combine(domains, project)) ? project : Path.GetFileName(Directory.EnumerateDirectories(domains).First());
            builder.AddProject(project, Path.Combine(domains, folder, $"{folder}.csproj")).WithHttpEndpoint();
        }

        await using (var app = builder.Build())
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await app.RunAsync(timeout.Token);
        }

        return (output, log.Text);
    }

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
